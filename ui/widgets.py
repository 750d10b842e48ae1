"""Small display pieces several pages share."""

import re
from collections.abc import Iterable

import pandas as pd
import streamlit as st

from analytics import i18n
from analytics.i18n import N_, _, counted
from analytics.model import FileReport

TIER_HELP = N_("Tiers echo Dunbar's layers of 5 / 15 / 50 / 150: Inner circle, Close, Active, Network; "
               "Dormant = a past relationship quiet for 12 months; Never engaged = connected, nothing since.")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")
#: Name, score and the reason first: the why is the point and must be on screen at 1280 px.
COLUMNS = ["name", "strength", "tier", "reason", "company", "position", "last_interaction"]
#: Rows of a contact table a page draws, strongest first (30,000 rows with their reasons are 5 MB to send
#: and seconds to draw); search and the charts' filters reach the rest.
TABLE_ROWS = 1_000
#: A row height above 4rem makes the grid wrap text: three lines, enough for a whole reason or why.
WRAPPED_ROW = 72
#: The pencil an editable table column's header shows before its name, in pixels (with its gap).
EDIT_ICON = 20
#: The stored codes of the user's choices (marks: `model.ROLES`; consent: `annotations.CONSENT_VALUES`)
#: in words, shown with `choice`.
CHOICE_WORDS = {"client": N_("client"), "referrer": N_("referrer"), "prospect": N_("prospect"),
                "friend": N_("friend"), "unknown": N_("unknown"), "yes": N_("yes"), "no": N_("no")}


def kept(defaults: dict[str, object]) -> None:
    """Widget values that outlive the runs that do not draw their widget (a lazy tab left closed:
    Streamlit forgets such a widget's value): each key keeps its value, `defaults`' until first set (so
    these widgets take no default of their own)."""
    for key, default in defaults.items():
        st.session_state[key] = st.session_state.get(key, default)


def date_format() -> str:
    """The grid's (moment.js) date format for the language in use: "YYYY-MM-DD" in English, "DD.MM.YYYY"
    in German."""
    return i18n.DATE_FORMATS[i18n.language()].replace("yyyy", "YYYY").replace("dd", "DD")


def choice(code: object) -> str:
    """A stored choice (a mark, a consent) in words in the language in use; other text as it is, no
    value ("", None, NaN) as ""."""
    if not isinstance(code, str):
        return ""
    return _(CHOICE_WORDS[code]) if code in CHOICE_WORDS else code


def fit_width(texts: Iterable[str], least: int = 0) -> int:
    """A table column's width in pixels that shows the longest of `texts` uncut (the grid's 14 px font,
    about 7 px a character, plus the cell's padding), never below `least`: German and Italian words
    for the same choice are twice as long as the English ones.

    >>> fit_width(["Kunde", "Empfehlungsgeber"], least=90), fit_width(["client"], least=90)
    (132, 90)
    """
    return max(least, round(max((len(t) for t in texts), default=0) * 7.0) + 20)


def contact_config() -> dict:
    """How every contact table labels and draws the scored columns, in the language in use."""
    return {
        "name": st.column_config.TextColumn(_("Name")),
        "company": st.column_config.TextColumn(_("Company")),
        "position": st.column_config.TextColumn(_("Position")),
        "strength": st.column_config.ProgressColumn(_("Strength"), min_value=0, max_value=100, format="%.0f"),
        "tier": st.column_config.TextColumn(_("Tier"), help=_(TIER_HELP)),
        "last_interaction": st.column_config.DatetimeColumn(_("Last interaction"), format=date_format()),
        "reason": st.column_config.TextColumn(_("Why this score"), width="large"),
    }


def tier_words(table: pd.DataFrame) -> pd.DataFrame:
    """`table` with its tier column in the language in use (the tiers' codes are their English names)."""
    return table.assign(tier=table["tier"].map(lambda t: _(t) if isinstance(t, str) and t else t))


def contact_list(table: pd.DataFrame, key: str, height: int = 420) -> None:
    """Read-only table of contacts with strength bar, tier and the reason for the score (the strongest
    `TABLE_ROWS`, saying so when there are more); selecting a row shows that contact's whole reason below
    the table."""
    if len(table) > TABLE_ROWS:
        st.caption(counted("The strongest {shown} of {n} contact are listed: click a chart above to narrow "
                           "the list, or search on the Contacts page.",
                           "The strongest {shown} of {n} contacts are listed: click a chart above to narrow "
                           "the list, or search on the Contacts page.", len(table),
                           shown=i18n.number(TABLE_ROWS)))
        table = table.head(TABLE_ROWS)
    event = st.dataframe(tier_words(table[COLUMNS]), hide_index=True, height=height,
                         column_config=contact_config(), key=key, on_select="rerun",
                         selection_mode="single-row")
    rows = event.selection.rows
    if rows and rows[0] < len(table):
        reason_panel(table.iloc[rows[0]])
    else:
        st.caption(_("Select a row to read that contact's whole reason here."))


def reason_panel(row: pd.Series) -> None:
    """One contact's score, tier and the whole reason, as text (names come from files: escaped)."""
    with st.container(border=True):
        st.markdown(_("**{name}** — {tier}, strength {strength} / 100").format(
            name=plain(row["name"]), tier=plain(_(row["tier"])), strength=i18n.number(row["strength"])))
        st.markdown(_("Why this score: {reason}").format(reason=plain(row["reason"])))


def file_warnings(files: Iterable[FileReport]) -> None:
    """Each file's warnings, one line each, quoting the file's name (escaped: both come from files)."""
    for f in files:
        for warning in f.warnings:
            st.warning(plain(f"{f.file}: {warning}"), icon="ℹ️")


def plain(text: object) -> str:
    r"""`text` from a file (a name, a group, a takeaway quoting them) escaped for every place where
    Streamlit renders markdown (markdown, captions, headers, metric labels, alerts, toasts, button
    labels): no links, images, formulas or formatting, so nothing can load from another host.

    >>> plain("![x](http://evil/x.png) $1")
    '\\!\\[x\\]\\(http\\://evil/x\\.png\\) \\$1'
    """
    return _MARKDOWN.sub(r"\\\1", str(text))
