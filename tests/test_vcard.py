"""vCard address books (analytics/ingest/vcard.py): one or many cards, 2.1/3.0/4.0 spellings, malformed
cards skipped with their reason, one line when nothing is usable, notes and photos never stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.errors import InputError
from analytics.ingest import load_files
from analytics.ingest.vcard import read_vcards

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def card(*lines: str) -> str:
    return "BEGIN:VCARD\r\n" + "".join(f"{line}\r\n" for line in lines) + "END:VCARD\r\n"


@pytest.mark.parametrize(("text", "expected"), [
    (card("VERSION:3.0", "FN:Ana Lopez", "N:Lopez;Ana;;;", "EMAIL;TYPE=work:Ana@Acme.ORG",
          "EMAIL;TYPE=home:ana@home.org", "TEL;TYPE=cell:+34 600 1", "TEL:+34 91 2", "ORG:Acme SL;Sales",
          "TITLE:Directora"),
     ("name:ana lopez", "Ana", "Lopez", "ana@acme.org", "ana@acme.org; ana@home.org", "+34 600 1; +34 91 2",
      "Acme SL", "Directora")),
    # 2.1: bare type parameters, quoted-printable in its charset with a soft line break
    (card("VERSION:2.1", "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen",
          "FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:J=FCrgen M=FC=", "ller", "TEL;CELL;VOICE:0170 1"),
     ("name:jurgen muller", "Jürgen", "Müller", "", "", "0170 1", "", "")),
    # 4.0: folded lines, grouped properties, tel: URIs, escaped commas
    (card("VERSION:4.0", "FN:Li", " u Wei", "item1.EMAIL;PREF=1:liu@x.cn", "TEL;VALUE=uri:tel:+86-10-1",
          r"ORG:Wei\, Li & Co", "TITLE:CEO"),
     ("name:liu wei", "Liu", "Wei", "liu@x.cn", "liu@x.cn", "+86-10-1", "Wei, Li & Co", "CEO")),
    # only N, only an address
    (card("VERSION:3.0", "N:Roe;Bob;;;"), ("name:bob roe", "Bob", "Roe", "", "", "", "", "")),
    (card("VERSION:3.0", "EMAIL:x@y.org"), ("email:x@y.org", "", "", "x@y.org", "x@y.org", "", "", "")),
], ids=["3.0", "2.1-quoted-printable", "4.0-folded", "name-only", "address-only"])
def test_card_fields(text, expected):
    people = read_vcards("a.vcf", text.encode("utf-8")).people
    got = people[["contact_id", "first_name", "last_name", "email", "emails", "phone", "company",
                  "position"]].iloc[0]
    assert tuple(got) == expected
    assert people["sources"].tolist() == ["Address book"]


def test_linkedin_url_becomes_the_contact_url_and_id():
    text = card("VERSION:3.0", "FN:Ana Lopez", "URL:https://www.linkedin.com/in/Ana-Lopez/",
                "X-SOCIALPROFILE;TYPE=linkedin:https://linkedin.com/in/other")
    people = read_vcards("a.vcf", text.encode()).people
    assert (people["contact_id"][0], people["url"][0]) == ("in:ana-lopez", "https://www.linkedin.com/in/ana-lopez")


@pytest.mark.parametrize(("text", "kept", "reasons"), [
    (card("FN:Ok") + "BEGIN:VCARD\r\nFN:Never closed\r\n", 1, {"card not closed (no END:VCARD)": 1}),
    (card("FN:Ok") + "BEGIN:VCARD\r\nFN:Cut\r\n" + card("FN:Next"), 2, {"card not closed (no END:VCARD)": 1}),
    (card("FN:Ok") + card("VERSION:3.0", "NOTE:nobody"), 1, {"no name, e-mail or profile URL": 1}),
    (card("FN:Ok") + card("FN:Broken", "this line has no colon"), 1, {"a line without a colon": 1}),
    (card("FN:Ok") + card("FN:Long", "TITLE:" + "x" * 20_000), 1,
     {"a field longer than 10,000 characters": 1}),
], ids=["unclosed-at-end", "unclosed-before-next", "nobody", "no-colon", "long-field"])
def test_malformed_cards_are_skipped_with_their_reason(text, kept, reasons):
    rows = read_vcards("a.vcf", text.encode())
    assert (len(rows.people), rows.report.rows, rows.report.reasons) == (kept, kept, reasons)


@pytest.mark.parametrize(("data", "error"), [
    (b"hello", "a.vcf: no usable contact card (no BEGIN:VCARD card)"),
    (card("NOTE:x").encode(), "a.vcf: no usable contact card (1 no name, e-mail or profile URL)"),
], ids=["not-a-vcard", "nobody-usable"])
def test_nothing_usable_is_one_line(data, error):
    with pytest.raises(InputError) as err:
        read_vcards("a.vcf", data)
    assert str(err.value) == error


def test_notes_birthdays_and_photos_are_not_stored():
    text = card("VERSION:3.0", "FN:Ana", "NOTE:owes me money", "BDAY:1980-01-02",
                "PHOTO;ENCODING=b;TYPE=JPEG:" + "A" * 70, " " + "B" * 5_000_000)
    rows = read_vcards("a.vcf", text.encode())
    stored = rows.people.to_csv()
    assert "money" not in stored and "1980" not in stored and "AAAA" not in stored
    assert rows.report.read == ("names, e-mails, phones, organisations and titles of 1 card; 1 note and "
                                "1 birthday seen, not stored; photos not read")


def test_cp1252_and_utf16_files():
    text = card("VERSION:3.0", "FN:José García")
    for data in (text.encode("cp1252"), text.encode("utf-16")):
        assert read_vcards("a.vcf", data).people["name"].tolist() == ["José García"]


def test_address_book_people_are_contacts_merged_by_email_onto_linkedin():
    conn = (b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            b"Bob,Roe,,bob@z.org,Beta,CTO,1 Feb 2024\n")
    vcf = (card("FN:Robert Roe", "EMAIL:BOB@z.org", "TEL:+1 5") + card("FN:Dora Day")).encode()
    net = load_files([("Connections.csv", conn), ("a.vcf", vcf)])
    got = net.contacts.set_index("contact_id")[["name", "phone", "sources"]].to_dict("index")
    assert got == {"name:bob roe": {"name": "Bob Roe", "phone": "+1 5", "sources": "LinkedIn, Address book"},
                   "name:dora day": {"name": "Dora Day", "phone": "", "sources": "Address book"}}


def test_owners_own_card_is_not_a_contact():
    vcf = (card("FN:Me Myself", "EMAIL:me@x.org") + card("FN:Dora Day")).encode()
    assert load_files([("a.vcf", vcf)], me=["Me@X.org"]).contacts["name"].tolist() == ["Dora Day"]


def test_real_format_sample_radicale():
    """vobject's test card (Apache-2.0, see fixtures/sources/README.md): 3.0 with a GEO line."""
    people = read_vcards("r.vcf", (FIXTURES / "radicale-1587.vcf").read_bytes()).people
    got = people[["name", "first_name", "last_name"]].values.tolist()
    assert got == [["Given Family", "Given", "Family"]]
