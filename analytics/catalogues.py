"""The message catalogues' upkeep, with Babel: extract every text people read, update each language's
`.po`, compile the `.mo` files, and say what is missing. `python -m analytics.catalogues` does all three
after a change of wording; the i18n tests call `problems` so a text without translation fails CI.

Example:
    >>> sorted(i18n.LANGUAGES)[:2], "de" in TRANSLATED
    (['de', 'en'], True)
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from analytics import i18n

ROOT = Path(__file__).resolve().parent.parent
#: The languages with a catalogue (English is the source text).
TRANSLATED = [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT]
#: What is read for texts, as in babel.cfg: the app's Python and the report templates.
METHODS = [("analytics/**.py", "python"), ("app_pages/**.py", "python"), ("ui/**.py", "python"),
           ("app.py", "python"), ("analytics/templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "ngettext": (1, 2), "counted": (1, 2), "pgettext": ((1, "c"), 2), "N_": None}
#: The catalogues' header fields, fixed so an update that changes no text changes no file.
HEADER = {"project": "Network Ledger", "version": "1", "copyright_holder": "the Network Ledger team",
          "msgid_bugs_address": "", "last_translator": "the Network Ledger team",
          "creation_date": datetime(2026, 11, 30, tzinfo=UTC),
          "revision_date": datetime(2026, 11, 30, tzinfo=UTC), "fuzzy": False}
_PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def po_path(lang: str) -> Path:
    """The `.po` catalogue of `lang`."""
    return i18n.LOCALE_DIR / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def extract() -> Catalog:
    """Every marked text in the app's sources (what `pybabel extract -F babel.cfg` finds)."""
    catalog = Catalog(**HEADER)
    for filename, lineno, message, comments, context in extract_from_dir(
            ROOT, METHODS, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
        if "tests" not in Path(filename).parts:
            catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def read(lang: str) -> Catalog:
    """The `.po` catalogue of `lang` (an empty one when there is none yet)."""
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, **HEADER)
    with path.open("rb") as file:
        return read_po(file, locale=lang)


def update(template: Catalog | None = None) -> None:
    """Bring every language's `.po` in step with the sources (new texts empty, gone ones dropped) and
    compile its `.mo`."""
    template = template or extract()
    for lang in TRANSLATED:
        catalog = read(lang)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        catalog.revision_date, catalog.fuzzy = HEADER["revision_date"], False
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            write_po(file, catalog, width=0, no_location=True, sort_output=True, omit_header=False)
        path.with_suffix(".mo").write_bytes(compiled(catalog))


def compiled(catalog: Catalog) -> bytes:
    """`catalog` as `.mo` bytes (fuzzy entries left out, as gettext does)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def placeholders(text: str) -> set[str]:
    """The named `{placeholders}` of a text.

    >>> sorted(placeholders("{n} of {total:,} sent {{literally}}"))
    ['n', 'total']
    """
    return set(_PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "")))


def problems(lang: str, template: Catalog | None = None) -> list[str]:
    """Every reason `lang`'s catalogue is not complete: a text missing, untranslated or fuzzy, a
    translation whose placeholders differ from the English (a plural form may leave `{n}` out: "ein
    Kontakt"), or a `.mo` out of step with the `.po`."""
    template = template or extract()
    catalog, out = read(lang), []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        string = found.string if found else ""
        strings = string if isinstance(string, tuple) else (string,)
        if found is None or found.fuzzy or not all(strings):
            out.append(f"{lang}: no translation of {ids[0]!r}")
        elif (placeholders(strings[0]) != placeholders(ids[0]) if len(ids) == 1
              else any(not placeholders(s) <= placeholders(ids[-1]) for s in strings)):
            out.append(f"{lang}: placeholders differ in {ids[0]!r}")
    mo = po_path(lang).with_suffix(".mo")
    if not mo.exists() or mo.read_bytes() != compiled(catalog):
        out.append(f"{lang}: {mo.name} is not compiled from the .po (run python -m analytics.catalogues)")
    return out


if __name__ == "__main__":
    update()
    for lang in TRANSLATED:
        print(lang, f"{len(problems(lang))} problems")
