"""One person, many sources (analytics/identity.py): exact matches merge, likely ones are proposed,
decisions hold, who counts as a contact, and the nickname table."""

import pandas as pd
import pytest

from analytics import identity, nicknames
from analytics.identity import DECISION_COLUMNS, IDENTITY_COLUMNS
from analytics.model import INTERACTION_COLUMNS
from tests.builders import frame

# contact_id, first, last, name, url, email, company, position, connected_on, phone, sources, emails
PEOPLE = IDENTITY_COLUMNS
ANN = ("in:ann-lee", "Ann", "Lee", "Ann Lee", "https://www.linkedin.com/in/ann-lee", "ann@acme.com",
       "Acme BV", "CFO", "2022-01-01", "+31 6 1234 5678", "LinkedIn", "")


def people(*rows: tuple) -> pd.DataFrame:
    """Rows of PEOPLE; columns a row leaves out are blank (no connection date)."""
    out = frame(PEOPLE, [r + ("",) * (len(PEOPLE) - len(r)) for r in rows])
    out["connected_on"] = pd.to_datetime(out["connected_on"].replace("", None), utc=True)
    return out


def interactions(*rows: tuple) -> pd.DataFrame:
    """(contact_id, date, channel, direction) rows."""
    return frame(INTERACTION_COLUMNS, list(rows), ("date",))


def decisions(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=DECISION_COLUMNS)


NONE = interactions()


@pytest.mark.parametrize(("incoming", "merged"), [
    # another of Ann's addresses, in the emails column of a mail correspondent
    (("email:ann@acme.com", "", "", "", "", "", "", "", None, "", "Email", "a.lee@home.nl; ANN@acme.com"),
     True),
    # the same profile URL written another way
    (("name:ann", "", "", "Ann", "linkedin.com/in/Ann-Lee/?trk=x", "", "", "", None, "", "Address book"),
     True),
    # the same phone, formatted differently, 00 for +
    (("name:a lee", "", "", "A. Lee", "", "", "", "", None, "0031 (0)6-12345678", "Address book"), True),
    # the same folded full name at the same organisation
    (("name:ann lee", "", "", "ANN  LÉE", "", "", "acme bv", "", None, "", "Address book"), True),
    # the same name elsewhere, another phone, another address: not the same person for sure
    (("name:ann lee", "", "", "Ann Lee", "", "ann@gmail.com", "Stone", "", None, "06 1234 5678",
      "Address book"), False),
    # a too-short number never matches
    (("name:x", "", "", "X", "", "", "", "", None, "5678", "Address book"), False),
])
def test_exact_rules_merge_into_the_known_contact(incoming: tuple, merged: bool) -> None:
    r = identity.resolve(people(ANN), people(incoming), NONE)
    assert (r.merged == {incoming[0]: "in:ann-lee"}) is merged
    assert len(r.contacts) == (1 if merged else 2)
    if merged:
        row = r.contacts.iloc[0]
        assert row["contact_id"] == "in:ann-lee" and row["company"] == "Acme BV"  # the known one wins
        assert row["sources"] == f"LinkedIn, {incoming[10]}"


def test_merged_person_keeps_every_address_and_the_earliest_connection() -> None:
    other = ("name:ann lee", "", "", "Ann Lee", "", "", "Acme BV", "", "2020-05-05", "", "Contacts file",
             "ann@home.nl")
    row = identity.resolve(people(ANN), people(other), NONE).contacts.iloc[0]
    assert row["emails"] == "ann@acme.com; ann@home.nl" and row["email"] == "ann@acme.com"
    assert row["connected_on"] == pd.Timestamp("2020-05-05", tz="UTC")


def test_two_profile_urls_are_never_merged_automatically() -> None:
    namesake = ("in:ann-lee-2", "Ann", "Lee", "Ann Lee", "https://www.linkedin.com/in/ann-lee-2",
                "ann@acme.com", "Acme BV", "", None, "", "LinkedIn")
    r = identity.resolve(people(ANN, namesake), people(), NONE)
    assert r.merged == {} and len(r.contacts) == 2
    assert r.proposals.empty  # two different LinkedIn accounts are two people


def test_a_chain_of_matches_is_one_person() -> None:
    phone_only = ("name:al", "", "", "Al", "", "", "", "", None, "+31612345678", "Address book", "al@x.org")
    mail_only = ("email:al@x.org", "", "", "", "", "", "", "", None, "", "Email", "al@x.org")
    r = identity.resolve(people(ANN), people(phone_only, mail_only), NONE)
    assert r.merged == {"name:al": "in:ann-lee", "email:al@x.org": "in:ann-lee"}


@pytest.mark.parametrize(("made", "merged"), [
    (("in:ann-lee", "name:bob", "merge"), {"name:bob": "in:ann-lee"}),  # no shared key: merged by the user
    (("name:bob", "in:ann-lee", "merge"), {"in:ann-lee": "name:bob"}),  # the user's survivor wins
])
def test_a_merge_decision_holds(made: tuple, merged: dict) -> None:
    bob = ("name:bob", "", "", "Bob", "", "", "", "", None, "", "Address book")
    assert identity.resolve(people(ANN), people(bob), NONE, decisions(made)).merged == merged


def test_kept_apart_beats_every_exact_rule() -> None:
    same = ("name:ann lee", "", "", "Ann Lee", "", "ann@acme.com", "Acme BV", "", None, "+31612345678",
            "Address book")
    apart = decisions(("name:ann lee", "in:ann-lee", "apart"))
    r = identity.resolve(people(ANN), people(same), NONE, apart)
    assert r.merged == {} and len(r.contacts) == 2
    assert r.proposals.empty  # and it is not proposed again


def test_interactions_follow_the_surviving_id() -> None:
    mail = ("email:ann@acme.com", "", "", "", "", "", "", "", None, "", "Email", "ann@acme.com")
    it = interactions(("email:ann@acme.com", "2026-01-02", "email", "in"),
                      ("in:ann-lee", "2026-01-03", "message", "out"),
                      ("in:zed", "2026-01-04", "message", "in"))
    r = identity.resolve(people(ANN), people(mail), it)
    assert r.interactions["contact_id"].tolist() == ["in:ann-lee", "in:ann-lee", "in:zed"]


def only(source: str, cid: str = "email:zoe@x.org") -> tuple:
    return (cid, "Zoe", "Ng", "Zoe Ng", "", "", "", "", None, "", source, "zoe@x.org")


@pytest.mark.parametrize(("source", "seen", "counts"), [
    ("Address book", [], True),  # everyone in an address book is a contact
    ("Contacts file", [], True),
    ("Email", [("email", "in")], False),  # a newsletter-like one-way mail: not yet
    ("Email", [("email", "in"), ("email", "in")], False),
    ("Email", [("email", "in"), ("email", "out")], True),  # mail went both ways
    ("Calendar", [("meeting", "out")], False),  # one meeting is not yet a relationship
    ("Calendar", [("meeting", "out"), ("one_to_one", "out")], True),  # two meetings shared
    ("Calendar, Email", [("meeting", "out"), ("email", "in")], False),
])
def test_who_counts_as_a_contact(source: str, seen: list, counts: bool) -> None:
    it = interactions(*[("email:zoe@x.org", f"2026-01-0{i + 1}", ch, d) for i, (ch, d) in enumerate(seen)])
    r = identity.resolve(people(), people(only(source)), it)
    assert r.contacts["contact_id"].tolist() == (["email:zoe@x.org"] if counts else [])
    assert r.left_out == (0 if counts else 1)
    assert len(r.interactions) == len(seen)  # kept either way: a later source may make them a contact


def test_mail_only_person_counts_through_the_contact_it_merges_with() -> None:
    zoe_book = ("name:zoe ng", "Zoe", "Ng", "Zoe Ng", "", "zoe@x.org", "", "", None, "", "Address book")
    r = identity.resolve(people(), people(only("Email"), zoe_book), NONE)
    assert r.contacts["contact_id"].tolist() == ["name:zoe ng"] and r.left_out == 0


# contact_id, first, last, name, url, email, company (then blanks)
@pytest.mark.parametrize(("a", "b", "reason"), [
    (("in:rob", "Robert", "Smith", "Robert Smith", "linkedin.com/in/rob", "", "Acme"),
     ("name:bob smith", "Bob", "Smith", "Bob Smith"), "Bob is a short form of Robert, same last name"),
    (("name:hans vos", "Hans", "Vos", "Hans Vos"), ("name:jan vos", "Jan", "Vos", "Jan Vos"),
     "Hans and Jan are both short for Johannes, same last name"),
    (("name:giuseppe verdi", "Giuseppe", "Verdi", "Giuseppe Verdi"), ("name:beppe verdi", "Beppe", "Verdi",
                                                                      "Beppe Verdi"),
     "Beppe is a short form of Giuseppe, same last name"),
    (("in:ann", "Ann", "Lee", "Ann Lee", "linkedin.com/in/ann", "", "Acme BV"),
     ("name:ann lee", "Ann", "Lee", "Ann Lee", "", "ann.lee@acme.com"),
     "same name; the e-mail domain acme.com matches the company Acme BV"),
    (("in:ann", "Ann", "Lee", "Ann Lee", "linkedin.com/in/ann", "", "Stone"),
     ("name:ann lee", "Ann", "Lee", "Ann Lee", "", "ann@acme.com", "Acme"),
     "same name at another company (Acme, now Stone?): perhaps a new job"),
    (("in:ann", "Ann", "Lee", "Ann Lee", "linkedin.com/in/ann"), ("name:ann lee", "Ann", "Lee", "Ann Lee", "",
                                                                  "ann@gmail.com"), "same name"),
])
def test_likely_matches_are_proposed_with_a_reason(a: tuple, b: tuple, reason: str) -> None:
    found = identity.proposals(people(a, b))
    assert found.values.tolist() == [[a[0], b[0], reason]]
    if len(a) > 4:  # the one with a LinkedIn profile is kept, whatever the order
        assert identity.proposals(people(b, a))["contact_id"].tolist() == [a[0]]


@pytest.mark.parametrize(("a", "b"), [
    (("name:ann lee", "Ann", "Lee", "Ann Lee"), ("name:ann lie", "Ann", "Lie", "Ann Lie")),  # another name
    (("name:bob smith", "Bob", "Smith", "Bob Smith"), ("name:bill smith", "Bill", "Smith", "Bill Smith")),
    (("name:ann", "", "", "Ann"), ("email:ann@x.org", "", "", "Ann")),  # one word is not a full name
    (("in:a", "Ann", "Lee", "Ann Lee", "linkedin.com/in/a"), ("in:b", "Ann", "Lee", "Ann Lee",
                                                             "linkedin.com/in/b")),
])
def test_unlikely_pairs_are_not_proposed(a: tuple, b: tuple) -> None:
    assert identity.proposals(people(a, b)).empty


def test_a_common_name_shared_by_many_is_not_proposed() -> None:
    many = [(f"name:{i}", "Jan", "Jansen", "Jan Jansen", "", f"{i}@x.nl") for i in range(13)]
    assert identity.proposals(people(*many)).empty
    assert len(identity.proposals(people(*many[:3]))) == 3


def test_resolve_proposes_among_the_people_who_count() -> None:
    bob = ("name:bob lee", "Bob", "Lee", "Bob Lee", "", "", "", "", None, "", "Address book")
    rob = ("email:rob@x.org", "Robert", "Lee", "Robert Lee", "", "", "", "", None, "", "Email", "rob@x.org")
    r = identity.resolve(people(), people(bob, rob), NONE)  # Robert wrote once: not a contact, not proposed
    assert r.proposals.empty and r.left_out == 1
    both_ways = interactions(("email:rob@x.org", "2026-01-01", "email", "in"),
                             ("email:rob@x.org", "2026-01-02", "email", "out"))
    r = identity.resolve(people(bob), people(rob), both_ways)
    assert r.proposals["reason"].tolist() == ["Bob is a short form of Robert, same last name"]


@pytest.mark.parametrize(("a", "b", "why"), [
    ("Bob", "Robert", "Bob is a short form of Robert"),
    ("Robert", "bobby", "bobby is a short form of Robert"),
    ("Hans", "Johannes", "Hans is a short form of Johannes"),
    ("Kees", "Cornelis", "Kees is a short form of Cornelis"),
    ("Totò", "Salvatore", "Totò is a short form of Salvatore"),
    ("Bob", "Bob", ""), ("Bob", "Bill", ""), ("Ann", "Anna", ""),
])
def test_nickname_table(a: str, b: str, why: str) -> None:
    assert nicknames.relation(a, b) == why


def test_nickname_table_is_folded_and_has_no_self_references() -> None:
    for full, shorts in nicknames.NICKNAMES.items():
        assert full == full.casefold().strip() and full not in shorts
        assert all(s == s.casefold().strip() and s.isascii() for s in shorts)


@pytest.mark.parametrize(("text", "numbers"), [
    ("+49 30 1234567", ["+49301234567"]),
    ("0049-30-1234567", ["+49301234567"]),
    ("030 1234567", ["0301234567"]),  # no country guessed
    ("+39 02 1234 5678; +39 333 1234567", ["+390212345678", "+393331234567"]),
    ("ext. 12", []), ("", []),
])
def test_phone_numbers_are_normalised(text: str, numbers: list) -> None:
    assert identity.phones(text) == numbers
