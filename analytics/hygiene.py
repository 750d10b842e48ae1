"""Networking hygiene: pitching too early, mailing without consent, asking too soon, taking only.

Every check returns one row per finding: contact_id, name, date, evidence (a snippet of the user's own
text: escape it before it reaches HTML), check and why. Phrase lists match case-insensitively on
word boundaries in English, German, Dutch, Italian and French; the README ("What do I do next") explains them.

Example:
    >>> bool(PITCH_RE.search("Happy to send you a free consultation offer"))
    True
    >>> bool(PITCH_RE.search("Schön Sie kennenzulernen!"))
    False
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics import i18n, weights
from analytics.frames import as_utc, contact_names, date_text, positions
from analytics.i18n import N_, _, counted, pgettext
from analytics.model import Network

HYGIENE_COLUMNS = ["contact_id", "name", "date", "evidence", "check", "why"]
#: Whitespace between the words of a phrase, spelled out so Python's re and RE2 agree.
_SPACE = "[ \t\r\n\f\v\xa0\u202f]+"

#: Sales language: a first message that contains one of these is a pitch, not a hello.
PITCH_PHRASES: dict[str, tuple[str, ...]] = {
    "en": ("quote", "quotation", "our services", "my services", "free consultation", "free trial",
           "special offer", "limited offer", "discount", "book a demo", "schedule a demo",
           "price list", "pricing", "sales call", "buy now", "promo code"),
    "de": ("Angebot", "Angebote", "unverbindlich", "unverbindliches", "Rabatt", "Sonderangebot",
           "kostenlose Beratung", "kostenloses Erstgespräch", "unsere Leistungen",
           "unsere Dienstleistungen", "Preisliste", "Demo buchen", "Gutschein"),
    "nl": ("offerte", "vrijblijvend", "vrijblijvende", "korting", "aanbieding", "gratis adviesgesprek",
           "onze diensten", "prijslijst", "demo inplannen"),
    "it": ("preventivo", "offerta", "sconto", "consulenza gratuita", "i nostri servizi",
           "listino prezzi", "senza impegno"),
    "fr": ("devis", "offre", "remise", "réduction", "consultation gratuite", "nos services",
           "sans engagement", "tarifs"),
}

#: Asking for referrals or business: fine from a friend, presumptuous from a stranger.
ASK_PHRASES: dict[str, tuple[str, ...]] = {
    "en": ("could you introduce me", "can you introduce me", "would you introduce me",
           "do you know anyone who", "do you know someone who", "could you refer me",
           "can you refer me", "could you recommend me", "can you recommend me",
           "put in a good word", "send me referrals", "any referrals"),
    "de": ("kannst du mich empfehlen", "können Sie mich empfehlen", "kannst du mich weiterempfehlen",
           "könnten Sie mich weiterempfehlen", "kennst du jemanden", "kennen Sie jemanden",
           "könntest du mich vorstellen bei", "ein gutes Wort einlegen"),
    "nl": ("ken jij iemand die", "ken je iemand die", "kent u iemand die", "kun je mij voorstellen aan",
           "kun je me voorstellen aan", "kunt u mij aanbevelen", "kun je mij aanbevelen",
           "kun je mij doorverwijzen"),
    "it": ("conosci qualcuno", "conosce qualcuno", "potresti presentarmi", "mi puoi presentare",
           "potresti raccomandarmi", "potresti consigliarmi a"),
    "fr": ("connais-tu quelqu'un", "connaissez-vous quelqu'un", "tu connais quelqu'un",
           "vous connaissez quelqu'un", "pourrais-tu me présenter", "pourriez-vous me présenter",
           "pourrais-tu me recommander", "pourriez-vous me recommander"),
}


def phrase_regex(phrases: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    """One case-insensitive regex for all phrases: whole words, any whitespace, ' or ’.

    >>> bool(phrase_regex({"fr": ("connais-tu quelqu'un",)}).search("Connais-tu  quelqu’un ?"))
    True
    """
    words = sorted({p for group in phrases.values() for p in group}, key=len, reverse=True)
    parts = [re.escape(w).replace(r"\ ", _SPACE).replace("'", "['’]") for w in words]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def phrase_mask(texts: pd.Series, rx: re.Pattern[str]) -> np.ndarray:
    """Vectorised candidates for `rx` (a `phrase_regex`): pyarrow's RE2 with ASCII word boundaries,
    a superset of `rx`'s Unicode-aware matches and ~20x faster than Python's re on long texts."""
    re2 = rx.pattern.replace(r"(?<!\w)", r"\b").replace(r"(?!\w)", r"\b")
    array = pa.array(texts.fillna("").astype(str), type=pa.large_string())
    return pc.match_substring_regex(array, re2, ignore_case=True).to_numpy(zero_copy_only=False)


PITCH_RE = phrase_regex(PITCH_PHRASES)
ASK_RE = phrase_regex(ASK_PHRASES)


def snippet(text: str, rx: re.Pattern[str], width: int = 120) -> str | None:
    """About `width` characters of `text` around the first match of `rx`, whitespace collapsed;
    None when `rx` does not match.

    >>> snippet("x " * 100 + "our services" + " y" * 100, PITCH_RE, 30)
    '… x x x x our services y y y y …'
    """
    text = " ".join(str(text).split())
    m = rx.search(text)
    if m is None:
        return None
    pad = max(0, (width - (m.end() - m.start())) // 2)
    start, end = max(0, m.start() - pad), min(len(text), m.end() + pad)
    return ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")


def _findings(frame: pd.DataFrame, net: Network, check: str,
              scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """Finalise a frame with contact_id, date, evidence, why into HYGIENE_COLUMNS, latest first."""
    frame = frame.assign(check=check)
    frame["name"] = frame["contact_id"].map(contact_names(net, scores)).fillna(frame["contact_id"])
    frame = frame.sort_values(["date", "contact_id"], ascending=[False, True])
    return frame[HYGIENE_COLUMNS].reset_index(drop=True)


def outbound_messages(net: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    """The outbound messages up to `as_of` with when their contact connected (what the text checks read;
    `analysis` computes it once for both checks). Columns: contact_id, date, content, connected_on,
    days_connected."""
    it = net.interactions
    keep = (it["channel"] == "message") & (it["direction"] == "out") & (it["date"] <= as_of)
    out = it.loc[keep, ["contact_id", "date", "content"]].reset_index(drop=True)
    connected = net.contacts.drop_duplicates("contact_id").set_index("contact_id")["connected_on"]
    at = positions(out["contact_id"], connected.index)  # not a merge: it copies every message text again
    out["connected_on"] = pd.Series(connected.array.take(at, allow_fill=True), index=out.index)
    out["days_connected"] = (out["date"].dt.normalize() - out["connected_on"].dt.normalize()).dt.days
    return out


def _matching(frame: pd.DataFrame, rx: re.Pattern[str]) -> pd.DataFrame:
    """Rows whose content matches `rx`, with an `evidence` snippet (RE2 finds, `rx` confirms)."""
    frame = frame[phrase_mask(frame["content"], rx)].copy()
    frame["evidence"] = [snippet(t, rx) for t in frame["content"]]
    return frame[frame["evidence"].notna()]


def early_pitches(net: Network, as_of: pd.Timestamp, window_days: int = weights.EARLY_PITCH_DAYS,
                  outbound: pd.DataFrame | None = None) -> pd.DataFrame:
    """Outbound messages with sales language within `window_days` after connecting.

    Filters to outbound messages inside the window first (vectorised), then runs the regex on that
    subset only. Columns: HYGIENE_COLUMNS.
    """
    out = outbound_messages(net, as_utc(as_of)) if outbound is None else outbound
    out = out[out["days_connected"].between(0, window_days)]
    found = _matching(out, PITCH_RE)
    found["why"] = [counted("Sales language {n} day after connecting (on {date}): build the relationship "
                            "before you pitch.",
                            "Sales language {n} days after connecting (on {date}): build the relationship "
                            "before you pitch.", d, date=on)
                    for d, on in zip(found["days_connected"].astype(int).tolist(),
                                     date_text(found["connected_on"]), strict=True)]
    return _findings(found, net, "early_pitch")


def assuming_closeness(net: Network, scores: pd.DataFrame, as_of: pd.Timestamp,
                       balance: pd.DataFrame, asks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Asking too soon: ask phrases sent to weak or brand-new ties, and taking before giving.

    "ask_weak_tie": an outbound message with an ask phrase to a contact who is not an active tie
    (tier below Active, `weights.ACTIVE_TIERS`) or who connected fewer than ASK_MIN_DAYS_CONNECTED
    days before. "withdrawal_before_deposit": see `withdrawals`; `balance` is `exchanges.per_contact`.
    `asks` is `ask_messages(...)` when already computed.
    """
    as_of = as_utc(as_of)
    return pd.concat([weak_tie_asks(net, scores, as_of, asks), withdrawals(balance)], ignore_index=True)


def ask_messages(outbound: pd.DataFrame) -> pd.DataFrame:
    """The `outbound_messages` holding an ask for a referral or introduction, with an `evidence` snippet
    (whatever the tie: `weak_tie_asks` picks the weak ones)."""
    return _matching(outbound, ASK_RE)


def weak_tie_asks(net: Network, scores: pd.DataFrame, as_of: pd.Timestamp,
                  asks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Outbound asks for a referral or introduction to a contact who is not (yet) an active tie."""
    tiers = scores.set_index("contact_id")["tier"] if len(scores) else pd.Series(dtype=object)
    asks = ask_messages(outbound_messages(net, as_utc(as_of))) if asks is None else asks
    asks = asks.assign(tier=asks["contact_id"].map(tiers).astype(object).fillna("Never engaged"))
    new = asks["days_connected"] < weights.ASK_MIN_DAYS_CONNECTED
    asks = asks[~asks["tier"].isin(weights.ACTIVE_TIERS) | new]
    asks = asks.assign(why=[_ask_why(tier, days)
                            for tier, days in zip(asks["tier"], asks["days_connected"], strict=True)])
    return _findings(asks, net, "ask_weak_tie", scores)


def _ask_why(tier: str, days: float) -> str:
    """Why an ask to a weak or new tie is flagged, in the language in use."""
    if pd.isna(days):
        return _("Asked for a referral or introduction from a contact in tier {tier}: deepen the tie and "
                 "give first.").format(tier=_(tier))
    return counted("Asked for a referral or introduction from a contact in tier {tier}, {n} day after "
                   "connecting: deepen the tie and give first.",
                   "Asked for a referral or introduction from a contact in tier {tier}, {n} days after "
                   "connecting: deepen the tie and give first.", int(days), tier=_(tier))


#: A withdrawal's kind as the evidence names it (in English: shown through `_`).
WITHDRAWAL_WORDS = {"referral": N_("referral"), "closed_business": N_("closed business")}


def withdrawals(balance: pd.DataFrame) -> pd.DataFrame:
    """Withdrawal before deposit (from `exchanges.per_contact`): the first referral or closed business
    you received from a contact came before the first thing you gave them."""
    early = balance[balance["withdrew_before_deposit"]]
    gave = _("{kind} received on {date}; first thing you gave: {given}")
    nothing = _("{kind} received on {date}; first thing you gave: nothing yet")
    evidence = [(gave if g else nothing).format(kind=_(WITHDRAWAL_WORDS.get(k, k)), date=d, given=g)
                for k, d, g in zip(early["first_withdrawal_kind"], date_text(early["first_withdrawal"]),
                                   date_text(early["first_given"]), strict=True)]
    found = early.assign(date=early["first_withdrawal"], evidence=evidence, check="withdrawal_before_deposit",
                         why=_("You received before you gave: make a deposit before the next withdrawal."))
    return _sorted(found)


def taking_without_giving(balance: pd.DataFrame) -> pd.DataFrame:
    """You take without giving (from `exchanges.per_contact`): you received at least
    TAKE_WITHOUT_GIVE_MIN exchanges from a contact and gave them none. date = the latest received."""
    takers = balance[balance["takes_only"]]
    received = _("Received {what}; given nothing.")
    found = takers.assign(date=takers["last_received"], check="taking_without_giving",
                          evidence=[received.format(what=k) for k in takers["received_kinds"]],
                          why=_("Give and take: return the favour with a referral, introduction or "
                                "endorsement."))
    return _sorted(found)


def _sorted(found: pd.DataFrame) -> pd.DataFrame:
    found = found.sort_values(["date", "contact_id"], ascending=[False, True])
    return found.reindex(columns=HYGIENE_COLUMNS).reset_index(drop=True)


def consent_of(contact_ids: pd.Series, annotations: pd.DataFrame) -> pd.Series:
    """Each contact's mailing-list consent as "yes", "no" or "unknown" (the one reading of the field).

    >>> ann = pd.DataFrame({"contact_id": ["a", "b"], "consent": ["Yes ", "maybe"]})
    >>> consent_of(pd.Series(["a", "b", "c"]), ann).tolist()
    ['yes', 'unknown', 'unknown']
    """
    stored = annotations.drop_duplicates("contact_id", keep="last").set_index("contact_id")["consent"]
    given = contact_ids.map(stored).astype(object).fillna("").astype(str).str.strip().str.lower()
    return given.where(given.isin(["yes", "no"]), "unknown")


def consent_issues(contacts_to_export: pd.DataFrame, annotations: pd.DataFrame) -> pd.DataFrame:
    """Contacts in a mailing-list export without a recorded "yes" to mail.

    Columns: contact_id, name, date (consent date), evidence, check ("consent"), why, consent
    ("no"/"unknown").
    """
    ann = annotations.drop_duplicates("contact_id", keep="last").set_index("contact_id")
    frame = contacts_to_export[["contact_id", "name"]].copy()
    frame["consent"] = consent_of(frame["contact_id"], annotations)
    # reindex, not map: mapping through an empty datetime column fails in pandas 3
    frame["date"] = pd.to_datetime(ann["consent_date"].reindex(frame["contact_id"]).to_numpy(), utc=True)
    frame = frame[frame["consent"] != "yes"]
    # TRANSLATORS: a contact's answer to "may I put you on my mailing list?" (no, or not recorded).
    words = {"no": pgettext("consent", "no"), "unknown": pgettext("consent", "unknown")}
    recorded = _("Mailing-list consent: {consent} (recorded {date})")
    unrecorded = _("Mailing-list consent: {consent}")
    evidence = [(recorded if d else unrecorded).format(consent=words[c], date=d)
                for c, d in zip(frame["consent"], date_text(frame["date"]), strict=True)]
    frame = frame.assign(evidence=evidence, check="consent",
                         why=_("Only mail people who said yes; ask first or leave them out."))
    return frame[[*HYGIENE_COLUMNS, "consent"]].reset_index(drop=True)


def mailing_list_warning(contacts_to_export: pd.DataFrame, annotations: pd.DataFrame) -> str | None:
    """A one-line warning when a mailing-list export holds contacts without consent, else None.

    >>> ann = pd.DataFrame({"contact_id": ["a"], "consent": ["yes"], "consent_date": [pd.NaT]})
    >>> mailing_list_warning(pd.DataFrame({"contact_id": ["a"], "name": ["A"]}), ann) is None
    True
    """
    issues = consent_issues(contacts_to_export, annotations)
    if issues.empty:
        return None
    no = int((issues["consent"] == "no").sum())
    return counted("{count} of {n} contact in this mailing list has not said yes to your mail ({no} said "
                   "no, {unknown} unknown): remove them or ask first.",
                   "{count} of {n} contacts in this mailing list have not said yes to your mail ({no} said "
                   "no, {unknown} unknown): remove them or ask first.", len(contacts_to_export),
                   count=i18n.number(len(issues)), no=i18n.number(no), unknown=i18n.number(len(issues) - no))
