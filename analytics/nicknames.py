"""Common short forms of first names (English, German, Dutch, Italian), in one table: the one place
identity resolution learns that Bob may be Robert, Hans or Jan Johannes, Beppe Giuseppe.

Names are folded (accents stripped, lower case), as `model.normalize_name` folds them.

Example:
    >>> sorted(forms("Bob")), sorted(forms("Robert"))
    (['bob', 'robert'], ['robert'])
    >>> sorted(forms("Jan"))
    ['jan', 'johannes']
"""

from __future__ import annotations

from functools import cache

from analytics.i18n import _
from analytics.model import normalize_name

#: Full first name -> its common short forms.
NICKNAMES: dict[str, tuple[str, ...]] = {
    # English
    "robert": ("bob", "bobby", "rob", "robbie", "bert"), "william": ("bill", "billy", "will", "willy"),
    "richard": ("rick", "rich", "dick", "ricky"), "james": ("jim", "jimmy", "jamie"),
    "michael": ("mike", "mick", "mikey", "micha"), "elizabeth": ("liz", "beth", "betty", "eliza", "lisa"),
    "catherine": ("kate", "cathy", "katie"), "katherine": ("kate", "kathy", "katie"),
    "margaret": ("maggie", "meg", "peggy"), "thomas": ("tom", "tommy"), "christopher": ("chris",),
    "anthony": ("tony",), "joseph": ("joe", "joey"), "daniel": ("dan", "danny"), "matthew": ("matt",),
    "nicholas": ("nick", "nicky"), "alexander": ("alex", "sasha", "sascha", "sandro"),
    "edward": ("ed", "eddie", "ted"), "jennifer": ("jen", "jenny"), "patricia": ("pat", "patty", "trish"),
    "susan": ("sue", "susie"), "samuel": ("sam",), "benjamin": ("ben",), "andrew": ("andy", "drew"),
    "stephen": ("steve",), "steven": ("steve",), "david": ("dave",), "jonathan": ("jon",),
    "deborah": ("debbie", "deb"), "rebecca": ("becky",), "victoria": ("vicky",),
    "charles": ("charlie", "chuck"), "frederick": ("fred", "freddy"), "timothy": ("tim",),
    # German
    "johannes": ("hans", "jan", "johann", "hannes", "johan", "jo"), "friedrich": ("fritz",),
    "joachim": ("achim",), "andreas": ("andi",), "katharina": ("kathi", "katja"),
    "elisabeth": ("lisa", "elke", "liesl", "sissi"), "margarete": ("grete", "gretel"),
    "heinrich": ("heinz", "heiner"), "bernhard": ("bernd",), "ulrich": ("uli",), "rudolf": ("rudi", "ruud"),
    "susanne": ("susi",), "franziska": ("franzi",), "magdalena": ("lena",), "wolfgang": ("wolf",),
    # Dutch
    "cornelis": ("kees", "cor"), "hendrik": ("henk", "hein"), "jacobus": ("koos", "jaap", "sjaak"),
    "pieter": ("piet",), "petrus": ("piet", "peer"), "willem": ("wim", "pim"),
    "gerardus": ("gerard", "gert", "gerrit"), "adrianus": ("adriaan", "arie", "janus"),
    "antonius": ("toon", "ton", "teun"), "franciscus": ("frans",), "nicolaas": ("klaas", "nico"),
    "johanna": ("jo", "hanneke", "janneke"), "wilhelmina": ("mien", "wilma"), "geertruida": ("truus",),
    # Italian
    "giuseppe": ("beppe", "peppe", "pino", "giuse"), "giovanni": ("gianni", "nanni"),
    "francesco": ("franco", "checco"), "salvatore": ("toto", "turi"), "alessandro": ("sandro", "alex"),
    "antonio": ("tonio", "toto", "toni"), "domenico": ("mimmo",), "vincenzo": ("enzo",),
    "massimiliano": ("max", "massimo"), "federico": ("fede",), "filippo": ("pippo",),
    "margherita": ("rita",), "elisabetta": ("betta",), "giovanna": ("gianna",), "francesca": ("franca",),
    "alessandra": ("sandra",), "luigi": ("gino",), "caterina": ("rina",),
}
_FULL: dict[str, set[str]] = {}
for _full, _shorts in NICKNAMES.items():
    for _short in _shorts:
        _FULL.setdefault(_short, set()).add(_full)


@cache
def forms(first_name: str) -> frozenset[str]:
    """The folded first name and every full name it is a short form of."""
    name = normalize_name(first_name)
    return frozenset({name, *_FULL.get(name, ())}) if name else frozenset()


def relation(a: str, b: str) -> str:
    """Why first names `a` and `b` may be one person ("" when they may not, or are the same), in the
    language in use.

    >>> relation("Bob", "Robert"), relation("Jan", "Hans"), relation("Ann", "Bob")
    ('Bob is a short form of Robert', 'Jan and Hans are both short for Johannes', '')
    """
    fa, fb = forms(a), forms(b)
    shared = sorted(fa & fb)
    if not shared or normalize_name(a) == normalize_name(b):
        return ""
    short_form = _("{short} is a short form of {full}")
    if normalize_name(b) in fa:
        return short_form.format(short=a, full=b)
    if normalize_name(a) in fb:
        return short_form.format(short=b, full=a)
    return _("{one} and {other} are both short for {full}").format(one=a, other=b, full=shared[0].title())
