"""LinkedIn exports -> Network: every public fixture, header variants, owner, directions, matching."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analytics.ingest import detect_kind, load_files, load_paths
from analytics.model import CONTACT_COLUMNS, INTERACTION_COLUMNS
from tests.builders import zipped

PUBLIC = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "public"
if not PUBLIC.is_dir():
    PUBLIC = Path("/work/shared/fixtures/public")

CONN = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
MSG = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,"
       "CONTENT,FOLDER\n")
PROFILE = "First Name,Last Name,Maiden Name,Address,Birth Date,Headline\nOwen,Owner,,,,Consultant\n"
IN = "https://www.linkedin.com/in/"


def _csv(name: str, text: str, encoding: str = "utf-8") -> tuple[str, bytes]:
    return name, text.encode(encoding)


def _counts(net) -> dict[tuple[str, str], int]:
    return {k: int(v) for k, v in net.interactions.groupby(["channel", "direction"]).size().items()}


# --- every public fixture folder, with the counts observed in it ----------------------------------

FIXTURES = [
    ("Timurtek__tekjobs", "Avery Sample", 4,
     {("invitation", "in"): 1, ("message", "in"): 2, ("message", "out"): 1}, {}),
    ("humandataincome__hudi-packages-connectors", "Davide Mock", 2,
     {("endorsement", "in"): 3, ("invitation", "in"): 2, ("invitation", "out"): 1,
      ("message", "in"): 1, ("message", "out"): 1}, {}),
    ("labeldekho__linkedin-network-intelligence", "Test User", 10,
     {("message", "in"): 6, ("message", "out"): 5}, {}),
    ("pedrofuentes__kawsay", "Pedro Fuentes", 2,
     {("message", "in"): 1, ("message", "out"): 1}, {"malformed row": 1}),
    ("silkyrich__linkedin-export-viewer", "Ada Byron-Lovelace", 2000,
     {("endorsement", "in"): 700, ("endorsement", "out"): 1500, ("invitation", "in"): 77,
      ("invitation", "out"): 85, ("message", "in"): 9925, ("message", "out"): 13519,
      ("recommendation", "in"): 27, ("recommendation", "out"): 21}, {"draft": 41}),
]


def test_every_public_fixture_folder_is_covered():
    assert sorted(p.name for p in PUBLIC.iterdir() if p.is_dir()) == sorted(f[0] for f in FIXTURES)


@pytest.mark.parametrize(("folder", "owner", "n_contacts", "counts", "message_skips"), FIXTURES)
def test_public_fixture(folder, owner, n_contacts, counts, message_skips):
    net = load_paths([PUBLIC / folder])
    assert net.owner.name == owner
    assert len(net.contacts) == n_contacts
    assert net.contacts["contact_id"].is_unique
    assert list(net.contacts.columns) == CONTACT_COLUMNS
    assert list(net.interactions.columns) == INTERACTION_COLUMNS
    assert str(net.interactions["date"].dtype) == "datetime64[ns, UTC]"
    assert net.interactions["date"].notna().all()
    assert _counts(net) == counts
    messages = [f for f in net.files if f.kind == "messages"]
    assert messages and messages[0].reasons == message_skips
    assert not net.contacts["name"].eq(owner).any()


def test_silkyrich_zip_counts_and_reports():
    net = load_paths([PUBLIC / "silkyrich__linkedin-export-viewer" / "sample_export.zip"])
    reports = {f.kind: f for f in net.files}
    assert sorted(reports) == ["connections", "email_addresses", "endorsements_given",
                               "endorsements_received", "invitations", "messages", "profile",
                               "recommendations_given", "recommendations_received"]
    assert reports["connections"].rows == 2000
    assert reports["messages"].rows == 19959 and reports["messages"].skipped == 41
    assert reports["messages"].date_min == pd.Timestamp("1833-02-23 15:37", tz="UTC")
    assert net.owner.url == IN + "fake-ada-byron-lovelace"
    assert net.interactions["conversation_id"][net.interactions["channel"].eq("message")].ne("").all()
    group = net.interactions[net.interactions["conversation_id"].eq("conv-000009")
                             & net.interactions["date"].eq(pd.Timestamp("1845-10-25 15:46", tz="UTC"))]
    assert sorted(group["contact_id"]) == ["in:fake-dorothy-pembrook-1654", "in:fake-john-herschel",
                                           "in:fake-mary-somerville"]
    assert set(group["direction"]) == {"out"}


def test_hudi_profile_name_differs_from_message_name():
    """Profile says "Davide Mock", messages say "Davide": the owner is found by the shared word."""
    net = load_paths([PUBLIC / "humandataincome__hudi-packages-connectors"])
    msgs = net.interactions[net.interactions["channel"].eq("message")].sort_values("date")
    assert msgs["direction"].tolist() == ["out", "in"]
    assert msgs["contact_id"].tolist() == ["in:ciaran", "in:ciaran"]  # TO has no URL: learnt from FROM
    assert net.owner == type(net.owner)("Davide Mock", IN + "davide")


# --- Connections.csv variants ---------------------------------------------------------------------

PREAMBLES = [
    "",
    "Notes:\n",
    "Notes:\n\"When exporting your connection data, you may notice that some emails are missing.\"\n\n",
    "\ufeffNotes:\n\"A sentence, with commas.\"\n\n",
    "Notes:\nThis is a sample export.\nAll data is synthetic.\n\n",
]


@pytest.mark.parametrize("preamble", PREAMBLES)
def test_connections_header_found_after_any_preamble(preamble):
    body = preamble + CONN + f"Jane,Doe,{IN}jane,,Acme,CEO,15 Mar 2023\n"
    net = load_files([_csv("Connections.csv", body)])
    row = net.contacts.iloc[0]
    assert (row["contact_id"], row["company"], row["connected_on"]) == (
        "in:jane", "Acme", pd.Timestamp("2023-03-15", tz="UTC"))


@pytest.mark.parametrize(("header", "row", "expected_id", "date"), [
    ("First Name,Last Name,Email Address,Company,Position,Connected On", "Jane,Doe,,Acme,CEO,17 Nov 2021",
     "name:jane doe", "2021-11-17"),
    ("First Name,Last Name,Email Address,Company,Position,Connected On,URL",
     "Jane,Doe,,Acme,CEO,15 Jan 2023,https://linkedin.com/in/JaneD", "in:janed", "2023-01-15"),
    ("First Name,Last Name,Email Address,Company,Position,Connected On",
     "Jane,Doe,,Acme,CEO,\"1/8/18, 6:14 PM\"",
     "name:jane doe", "2018-01-08 18:14"),
    ("Vorname,Nachname,URL,E-Mail-Adresse,Unternehmen,Position,Verbunden am",
     "Jane,Doe,https://www.linkedin.com/in/jane,,Acme,CEO,15. März 2023", "in:jane", "2023-03-15"),
    ("Prénom,Nom,URL,Adresse e-mail,Entreprise,Poste,Connecté le",
     "Jane,Doe,https://www.linkedin.com/in/jane,,Acme,CEO,15 mars 2023", "in:jane", "2023-03-15"),
    ("Voornaam,Achternaam,URL,E-mailadres,Bedrijf,Functie,Verbonden op",
     "Jane,Doe,https://www.linkedin.com/in/jane,,Acme,CEO,15 mrt 2023", "in:jane", "2023-03-15"),
    ("Nome,Cognome,URL,Indirizzo email,Azienda,Posizione,Collegato il",
     "Jane,Doe,https://www.linkedin.com/in/jane,,Acme,CEO,15 mag 2023", "in:jane", "2023-05-15"),
    ("Nombre,Apellidos,URL,Dirección de correo electrónico,Empresa,Cargo,Conectado el",
     "Jane,Doe,https://www.linkedin.com/in/jane,,Acme,CEO,15 ene 2023", "in:jane", "2023-01-15"),
])
def test_connections_layouts_and_languages(header, row, expected_id, date):
    net = load_files([_csv("Connections.csv", f"{header}\n{row}\n")])
    assert net.files[0].kind == "connections"
    got = net.contacts.iloc[0]
    assert (got["contact_id"], got["first_name"], got["company"], got["connected_on"]) == (
        expected_id, "Jane", "Acme", pd.Timestamp(date, tz="UTC"))


def test_excel_resaved_connections_semicolon_cp1252():
    body = "First Name;Last Name;URL;Email Address;Company;Position;Connected On\n" \
           "José;García;https://www.linkedin.com/in/jg;;Café Müller;Chef;15 Mar 2023\n"
    net = load_files([_csv("Connections.csv", body, "cp1252")])
    assert net.contacts.iloc[0][["name", "company"]].tolist() == ["José García", "Café Müller"]
    assert any("cp1252" in w for w in net.files[0].warnings)


def test_connections_missing_email_warning_and_dedupe():
    body = CONN + f"Jane,Doe,{IN}jane,j@x.com,Acme,CEO,15 Mar 2023\nBob,Roe,{IN}bob,,Beta,CTO,15 Mar 2023\n" \
                  f"Jane,Doe,{IN}Jane/,,Acme,CEO,15 Mar 2023\n"
    net = load_files([_csv("Connections.csv", body)])
    assert net.contacts["contact_id"].tolist() == ["in:jane", "in:bob"]
    assert net.contacts["email"].tolist() == ["j@x.com", ""]
    assert "2 of 3 connections have no email address — normal for LinkedIn" in net.files[0].warnings[0]


# --- owner and message directions -----------------------------------------------------------------

def _network(messages: str, connections: str = "", profile: bool = True):
    files = [_csv("messages.csv", MSG + messages)]
    if connections:
        files.append(_csv("Connections.csv", CONN + connections))
    if profile:
        files.append(_csv("Profile.csv", PROFILE))
    return load_files(files)


CONNECTIONS = (f"Ann,Ash,{IN}ann,,A,X,1 Jan 2020\nBob,Birch,{IN}bob,,B,Y,1 Jan 2020\n"
               f"Owen,Owner,{IN}owen,,O,Z,1 Jan 2020\nCat,Cole,,,C,Z,1 Jan 2020\n")


def test_owner_is_never_a_contact():
    row = f"c1,,Owen Owner,{IN}owen,Ann Ash,{IN}ann,2024-01-15 09:30:00 UTC,,hi,INBOX\n"
    net = _network(row, CONNECTIONS)
    assert net.owner.name == "Owen Owner" and net.owner.url == IN + "owen"
    assert "in:owen" not in set(net.contacts["contact_id"])
    assert len(net.contacts) == 3


@pytest.mark.parametrize(("row", "expected"), [
    # owner -> one connection: out to her
    (f"c1,,Owen Owner,{IN}owen,Ann Ash,{IN}ann,2024-01-15 09:30:00 UTC,,hi,INBOX", [("in:ann", "out")]),
    # connection -> owner: in from him
    (f"c1,,Bob Birch,{IN}bob,Owen Owner,{IN}owen,2024-01-15 09:30:00,,hi,INBOX", [("in:bob", "in")]),
    # owner -> group of two plus himself listed: one out row per other recipient
    (f"c2,,Owen Owner,{IN}owen,\"Ann Ash, Bob Birch\",{IN}ann {IN}bob,2024-01-15 09:30:00 UTC,,hi,INBOX",
     [("in:ann", "out"), ("in:bob", "out")]),
    # one group member -> the others: "in" from the sender only
    (f"c2,,Ann Ash,{IN}ann,\"Owen Owner, Bob Birch\",{IN}owen {IN}bob,2024-01-15 09:30:00 UTC,,hi,INBOX",
     [("in:ann", "in")]),
    # no URL for the sender: matched to the connection by name
    ("c3,,cat  COLE,,Owen Owner,,2024-01-15 09:30:00 UTC,,hi,INBOX", [("name:cat cole", "in")]),
    # unknown URL but a connection's name: name match after URL fails
    (f"c4,,Ann Ash,{IN}ann-2,Owen Owner,{IN}owen,2024-01-15 09:30:00 UTC,,hi,INBOX", [("in:ann", "in")]),
    # not a connection: keyed by URL, never added as a contact
    (f"c5,,Zed Zulu,{IN}zed,Owen Owner,{IN}owen,2024-01-15 09:30:00 UTC,,hi,INBOX", [("in:zed", "in")]),
])
def test_message_directions_and_matching(row, expected):
    net = _network(row + "\n", CONNECTIONS)
    got = sorted(zip(net.interactions["contact_id"], net.interactions["direction"], strict=True))
    assert got == expected
    assert "in:zed" not in set(net.contacts["contact_id"])
    assert net.interactions["date"].iloc[0] == pd.Timestamp("2024-01-15 09:30", tz="UTC")


def test_owner_inferred_without_profile():
    rows = (f"c1,,Ann Ash,{IN}ann,Owen Owner,{IN}owen,2024-01-15 09:30:00 UTC,,hi,INBOX\n"
            f"c1,,Owen Owner,{IN}owen,Ann Ash,{IN}ann,2024-01-15 10:30:00 UTC,,hi,INBOX\n"
            f"c2,,Owen Owner,{IN}owen,Bob Birch,{IN}bob,2024-01-16 10:30:00 UTC,,hi,INBOX\n")
    net = _network(rows, profile=False)
    assert net.owner.name == "Owen Owner"
    assert sorted(net.interactions["direction"]) == ["in", "out", "out"]
    assert "most frequent participant" in net.files[0].warnings[0]


def test_drafts_dropped_and_counted():
    header = MSG.strip() + ",ATTACHMENTS,IS MESSAGE DRAFT\n"
    body = header + (f"c1,,Owen Owner,{IN}owen,Ann Ash,{IN}ann,2024-01-15 09:30:00 UTC,,sent,INBOX,,false\n"
                     f"c1,,Owen Owner,{IN}owen,Ann Ash,{IN}ann,2024-01-15 09:31:00 UTC,,draft,INBOX,,true\n")
    net = load_files([_csv("messages.csv", body), _csv("Profile.csv", PROFILE)])
    assert net.interactions["content"].tolist() == ["sent"]
    assert net.files[0].reasons == {"draft": 1}


def test_message_content_multiline_commas_quotes_and_truncation():
    long_text = "x" * 900
    rows = (f"c1,,Ann Ash,{IN}ann,Owen Owner,{IN}owen,2024-01-15 09:30:00 UTC,,"
            '"Hi, ""you""\nline two",INBOX\n'
            f"c1,,Ann Ash,{IN}ann,Owen Owner,{IN}owen,2024-01-15 09:31:00 UTC,,{long_text},INBOX\n")
    net = _network(rows)
    assert net.interactions["content"].tolist() == ['Hi, "you"\nline two', "x" * 500]


def test_2018_messages_layout_uses_direction_column():
    body = ("From,To,Date,Subject,Content,Direction,Folder\n"
            "Ann Ash,Owen Owner,\"1/8/18, 6:14 PM\",,hello,INCOMING,INBOX\n"
            "Owen Owner,Ann Ash,\"1/9/18, 7:00 AM\",,hi back,OUTGOING,INBOX\n")
    ann = _csv("Connections.csv", CONN + f"Ann,Ash,{IN}ann,,A,X,1 Jan 2018\n")
    net = load_files([_csv("Messages.csv", body), ann])
    got = net.interactions.sort_values("date")
    assert got["direction"].tolist() == ["in", "out"]
    assert got["contact_id"].tolist() == ["in:ann", "in:ann"]
    assert got["conversation_id"].ne("").all()


# --- invitations, endorsements, recommendations ---------------------------------------------------

@pytest.mark.parametrize("url_columns", ["inviterProfileUrl,inviteeProfileUrl",
                                         "inviterProfileUrn,inviteeProfileUrn"])
def test_invitations(url_columns):
    body = (f"From,To,Sent At,Message,Direction,{url_columns}\n"
            f'Owen Owner,Ann Ash,"3/14/25, 2:37 PM",Great to meet you,OUTGOING,{IN}owen,{IN}ann\n'
            f'Bob Birch,Owen Owner,"11/16/21, 9:40 AM",,INCOMING,{IN}bob,{IN}owen\n')
    net = load_files([_csv("Invitations.csv", body), _csv("Connections.csv", CONN + CONNECTIONS)])
    got = net.interactions.sort_values("date", ascending=False)
    assert got["contact_id"].tolist() == ["in:ann", "in:bob"]
    assert got["direction"].tolist() == ["out", "in"]
    assert got["content"].tolist() == ["Great to meet you", ""]
    assert got["date"].tolist() == [pd.Timestamp("2025-03-14 14:37", tz="UTC"),
                                    pd.Timestamp("2021-11-16 09:40", tz="UTC")]


@pytest.mark.parametrize(("name", "header", "row", "expected"), [
    ("Endorsement_Received_Info.csv",
     "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,"
     "Endorsement Status",
     "2021/09/14 12:18:19 UTC,Java,Ann,Ash,www.linkedin.com/in/ann,ACCEPTED",
     ("in:ann", "endorsement", "in", "Java", "2021-09-14 12:18:19")),
    ("Endorsement Given Info.csv",
     "Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,"
     "Endorsement Status",
     "05 Jun 1833,Rust,Bob,Birch,,ACCEPTED", ("in:bob", "endorsement", "out", "Rust", "1833-06-05")),
    ("Recommendations_Received.csv", "First Name,Last Name,Company,Job Title,Text,Creation Date,Status",
     '"Cat","Cole",C,Z,"Great, reliable","12/09/22, 07:18 PM",VISIBLE',
     ("name:cat cole", "recommendation", "in", "Great, reliable", "2022-12-09 19:18")),
    ("Recommendations_Given.csv", "First Name,Last Name,Company,Job Title,Text,Creation Date,Status",
     "Ann,Ash,A,X,Superb,05 Jun 1833,VISIBLE", ("in:ann", "recommendation", "out", "Superb", "1833-06-05")),
])
def test_endorsements_and_recommendations(name, header, row, expected):
    net = load_files([_csv(name, f"{header}\n{row}\n"), _csv("Connections.csv", CONN + CONNECTIONS)])
    got = net.interactions.iloc[0]
    assert (got["contact_id"], got["channel"], got["direction"], got["content"], got["date"]) == (
        *expected[:4], pd.Timestamp(expected[4], tz="UTC"))


# --- archives and kinds ---------------------------------------------------------------------------

def test_zip_reads_known_members_anywhere_and_ignores_the_rest():
    data = zipped({"Complete_LinkedInDataExport/Connections.csv": CONN + CONNECTIONS,
                 "Complete_LinkedInDataExport/deep/MESSAGES.CSV":
                     MSG + f"c1,,Ann Ash,{IN}ann,Owen Owner,{IN}owen,2024-01-15 09:30:00 UTC,,hi,INBOX\n",
                 "Profile.csv": PROFILE, "Skills.csv": "Name\nJava\n", "guide_messages.csv": MSG,
                 "../Connections.csv": CONN + "Evil,One,,,,,1 Jan 2020\n"})
    net = load_files([("export.zip", data)])
    assert sorted(f.file for f in net.files) == ["export.zip/Complete_LinkedInDataExport/Connections.csv",
                                                 "export.zip/Complete_LinkedInDataExport/deep/MESSAGES.CSV",
                                                 "export.zip/Profile.csv"]
    assert "name:evil one" not in set(net.contacts["contact_id"])
    assert len(net.interactions) == 1


@pytest.mark.parametrize(("name", "text", "kind"), [
    ("anything.txt", CONN, "connections"),
    ("x.csv", MSG, "messages"),
    ("x.csv", "From,To,Sent At,Message,Direction\n", "invitations"),
    ("x.csv", "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name\n",
     "endorsements_received"),
    ("Recommendations_Given.csv", "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n",
     "recommendations_given"),
    ("Profile.csv", PROFILE, "profile"),
    ("google.csv", "Name,Given Name,Family Name,E-mail 1 - Value\n", "generic"),
])
def test_detect_kind_by_header(name, text, kind):
    assert detect_kind(name, text.encode()) == kind


def test_detect_kind_zip_by_magic_bytes():
    assert detect_kind("export.csv", zipped({"Connections.csv": CONN})) == "zip"


def test_load_paths_folder_reads_only_export_names(tmp_path):
    (tmp_path / "Connections.csv").write_text(CONN + CONNECTIONS)
    (tmp_path / "Skills.csv").write_text("Name\nJava\n")
    (tmp_path / "notes.csv").write_text("Name,E-mail\nX,x@y.z\n")
    net = load_paths([tmp_path])
    assert [f.kind for f in net.files] == ["connections"]
    assert len(net.contacts) == 4


@pytest.mark.parametrize(("profile", "expected"), [
    (False, ("Owen Owner", IN + "owen")),  # no Profile.csv, no messages: the invitations tell
    (True, ("Owen Owner", IN + "owen")),  # Profile.csv names the owner, invitations add the URL
])
def test_owner_from_invitations(profile, expected):
    body = ("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
            f'Owen Owner,Ann Ash,"3/14/25, 2:37 PM",,OUTGOING,{IN}owen,{IN}ann\n'
            f'Bob Birch,Owen Owner,"3/15/25, 2:37 PM",,INCOMING,{IN}bob,{IN}owen\n')
    files = [_csv("Invitations.csv", body), _csv("Connections.csv", CONN + CONNECTIONS)]
    net = load_files(files + ([_csv("Profile.csv", PROFILE)] if profile else []))
    assert (net.owner.name, net.owner.url) == expected
    assert "in:owen" not in set(net.contacts["contact_id"])


def test_the_same_export_twice_does_not_double_count():
    rows = f"c1,,Ann Ash,{IN}ann,Owen Owner,{IN}owen,2024-01-15 09:30:00 UTC,,hi,INBOX\n"
    files = [_csv("a/messages.csv", MSG + rows), _csv("b/messages.csv", MSG + rows),
             _csv("Connections.csv", CONN + CONNECTIONS), _csv("Connections (1).csv", CONN + CONNECTIONS)]
    net = load_files(files)
    assert len(net.interactions) == 1
    assert net.contacts["contact_id"].is_unique
