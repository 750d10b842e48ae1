"""Which file is this, judged by its header row: LinkedIn export kinds and generic contact columns.

Each kind maps canonical field names to the header texts seen in real exports (English plus the
German, French, Dutch, Italian and Spanish LinkedIn/Outlook/Google spellings). Header cells are
compared after `fold` (case-folded, single spaces, underscores as spaces).

Example:
    >>> classify(["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
    ...           "Connected On"])[0]
    'connections'
    >>> guess_mapping(["Given Name", "Family Name", "E-mail 1 - Value"])
    {'first_name': 'Given Name', 'last_name': 'Family Name', 'email': 'E-mail 1 - Value'}
"""

from __future__ import annotations

_FIRST = ("first name", "vorname", "prénom", "prenom", "voornaam", "nome", "nombre", "given name")
_LAST = ("last name", "nachname", "nom", "nom de famille", "achternaam", "cognome", "apellidos",
         "apellido", "family name", "surname")
_EMAIL = ("email address", "e-mail address", "e-mail-adresse", "e-mail adresse", "email", "e-mail",
          "adresse e-mail", "adresse email", "adresse de messagerie", "e-mailadres", "emailadres",
          "indirizzo email", "indirizzo e-mail", "indirizzo posta elettronica",
          "dirección de correo electrónico", "correo electrónico", "correo", "e-mail 1 - value",
          "email 1 - value", "e-mail 1 value")
_COMPANY = ("company", "unternehmen", "firma", "entreprise", "société", "societe", "bedrijf",
            "azienda", "società", "empresa", "compañía", "organización", "organization",
            "organisation", "organization 1 - name", "organization name", "organisation name")
_POSITION = ("position", "poste", "fonction", "functie", "posizione", "ruolo", "cargo", "puesto",
             "job title", "jobtitel", "organization 1 - title", "organization title", "berufsbezeichnung")
_URL = ("url", "profile url", "linkedin url", "linkedin", "linkedin profile", "profil-url")
_CONNECTED = ("connected on", "verbunden am", "verbunden seit", "connecté le", "connecté(e) le",
              "date de connexion", "verbonden op", "connectie gemaakt op", "datum van connectie",
              "collegato il", "data di collegamento", "collegamento il", "conectado el",
              "fecha de conexión", "conectado")
#: Phone and further e-mail columns (Google: "Phone 1 - Value"..., Outlook: "Mobile Phone", "Business Phone",
#: "E-mail 2 Address"...): each column is used once, so a file's second phone column goes to `phone_2`.
_PHONE = ("phone 1 - value", "mobile phone", "business phone", "primary phone", "home phone", "phone",
          "phone number", "telephone", "mobile", "telefon", "handy", "mobiltelefon", "téléphone",
          "portable", "telefoon", "mobiel", "telefono", "cellulare", "teléfono", "móvil")
_PHONE_2 = ("phone 2 - value", "business phone", "home phone", "other phone")
_PHONE_3 = ("phone 3 - value", "home phone", "other phone")
_EMAIL_2 = ("e-mail 2 - value", "email 2 - value", "e-mail 2 address", "email 2 address")
_EMAIL_3 = ("e-mail 3 - value", "email 3 - value", "e-mail 3 address", "email 3 address")
_NAME = ("name", "full name", "display name", "naam", "volledige naam", "nome completo", "nom complet",
         "nombre completo", "vollständiger name")

KINDS: dict[str, dict[str, tuple[str, ...]]] = {
    "messages": {
        "conversation_id": ("conversation id",), "title": ("conversation title",),
        "sender": ("from",), "sender_url": ("sender profile url",), "recipients": ("to",),
        "recipient_urls": ("recipient profile urls",), "date": ("date",), "content": ("content",),
        "direction": ("direction",), "draft": ("is message draft",),
        "conversation_draft": ("is conversation draft",)},
    "invitations": {
        "sender": ("from",), "recipient": ("to",), "date": ("sent at",), "content": ("message",),
        "direction": ("direction",), "sender_url": ("inviterprofileurl", "inviterprofileurn"),
        "recipient_url": ("inviteeprofileurl", "inviteeprofileurn")},
    "endorsements_received": {
        "date": ("endorsement date",), "content": ("skill name",),
        "first_name": ("endorser first name",), "last_name": ("endorser last name",),
        "url": ("endorser public url",), "status": ("endorsement status",)},
    "endorsements_given": {
        "date": ("endorsement date",), "content": ("skill name",),
        "first_name": ("endorsee first name",), "last_name": ("endorsee last name",),
        "url": ("endorsee public url",), "status": ("endorsement status",)},
    "recommendations": {
        "first_name": ("first name",), "last_name": ("last name",), "company": ("company",),
        "position": ("job title",), "content": ("text",), "date": ("creation date",),
        "status": ("status",)},
    "profile": {
        "first_name": ("first name",), "last_name": ("last name",), "headline": ("headline",),
        "maiden_name": ("maiden name",)},
    "connections": {
        "first_name": _FIRST, "last_name": _LAST, "url": _URL, "email": _EMAIL, "company": _COMPANY,
        "position": _POSITION, "connected_on": _CONNECTED},
    "generic": {
        "first_name": _FIRST, "last_name": _LAST, "name": _NAME, "email": _EMAIL, "company": _COMPANY,
        "position": _POSITION, "url": _URL, "connected_on": _CONNECTED, "phone": _PHONE, "email_2": _EMAIL_2,
        "email_3": _EMAIL_3, "phone_2": _PHONE_2, "phone_3": _PHONE_3},
    "email_addresses": {
        "email": ("email address",), "confirmed": ("confirmed",), "primary": ("primary",),
        "updated_on": ("updated on",)},
}

#: Fields a header must have to count as that kind (checked in this order; "generic" is last).
REQUIRED: dict[str, tuple[str, ...]] = {
    "messages": ("sender", "recipients", "date", "content"),
    "invitations": ("sender", "recipient", "date", "direction"),
    "endorsements_received": ("date", "first_name", "last_name"),
    "endorsements_given": ("date", "first_name", "last_name"),
    "recommendations": ("first_name", "last_name", "content", "date"),
    "profile": ("first_name", "last_name", "headline"),
    "connections": ("first_name", "last_name", "connected_on"),
    "email_addresses": ("email", "confirmed", "primary"),
}

#: Substrings that identify a generic contact column when no alias matches exactly.
_LOOSE = {"email": ("mail",), "url": ("linkedin", "url"), "company": ("company", "organi"),
          "name": ("name",)}


def fold(text: object) -> str:
    """Header text folded for comparison.

    >>> fold(" \\ufeffE-Mail_Adresse ")
    'e-mail adresse'
    """
    return " ".join(str(text).replace("\ufeff", "").replace("_", " ").strip().strip('"').casefold().split())


def match_fields(columns: list[str], kind: str) -> dict[str, str]:
    """Canonical field -> column name for `kind`; each column used once, first alias hit wins.

    >>> match_fields(["Vorname", "Nachname", "Verbunden am"], "connections")
    {'first_name': 'Vorname', 'last_name': 'Nachname', 'connected_on': 'Verbunden am'}
    """
    folded = {}
    for col in columns:
        folded.setdefault(fold(col), col)
    found: dict[str, str] = {}
    for field, aliases in KINDS[kind].items():
        col = next((folded[a] for a in aliases if a in folded), None)
        if col is not None and col not in found.values():
            found[field] = col
    return found


def guess_mapping(columns: list[str]) -> dict[str, str]:
    """Map contact fields to the columns of a generic contacts file (Google, Outlook, spreadsheets).

    Exact aliases first, then loose substrings ("Work E-mail" -> email) for fields still unmapped.

    >>> guess_mapping(["Vorname", "Nachname", "E-Mail-Adresse", "Firma", "Position"])["company"]
    'Firma'
    >>> guess_mapping(["Full Name", "Work Email"])
    {'name': 'Full Name', 'email': 'Work Email'}
    """
    found = match_fields(columns, "generic")
    for field, needles in _LOOSE.items():
        if field in found or (field == "name" and "first_name" in found):
            continue
        col = next((c for c in columns if c not in found.values()
                    and any(n in fold(c) for n in needles)), None)
        if col is not None:
            found[field] = col
    return {f: found[f] for f in KINDS["generic"] if f in found}


def is_contact_header(mapping: dict[str, str]) -> bool:
    """A generic contacts header names people and says one more thing about them (or has e-mail).

    >>> is_contact_header({"name": "Name"})
    False
    >>> is_contact_header({"name": "Name", "email": "E-mail"})
    True
    """
    named = "name" in mapping or "first_name" in mapping or "last_name" in mapping
    return "email" in mapping or (named and len(mapping) >= 2)


def classify(columns: list[str], filename: str = "") -> tuple[str, dict[str, str]] | None:
    """(kind, field -> column) for a header row, or None when nothing fits.

    A Connections.csv without "Connected On" is still accepted by its file name.

    >>> classify(["Endorsement Date", "Skill Name", "Endorsee First Name", "Endorsee Last Name"])[0]
    'endorsements_given'
    >>> classify(["Skill"]) is None
    True
    """
    for kind, required in REQUIRED.items():
        fields = match_fields(columns, kind)
        if all(f in fields for f in required):
            return kind, fields
    fields = match_fields(columns, "connections")
    if filename.casefold().endswith("connections.csv") and {"first_name", "last_name"} <= set(fields):
        return "connections", fields
    mapping = guess_mapping(columns)
    return ("generic", mapping) if is_contact_header(mapping) else None
