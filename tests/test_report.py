"""Coach report: figures on a hand-built network, safe HTML, safe workbook, anonymisation, sample run."""

from __future__ import annotations

import io
import json
import re
import zipfile
from html.parser import HTMLParser

import pandas as pd
import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook
from plotly.offline import get_plotlyjs

from analytics import pseudonyms, report, report_html
from analytics.actions import waiting_sentence
from analytics.errors import InputError
from analytics.facts import period_counts
from analytics.model import (
    CONTACT_COLUMNS,
    Network,
)
from analytics.report_data import SECTIONS, _next_steps
from analytics.report_html import html_table
from tests.builders import FORMULA_COMPANY, FORMULA_NAME, XSS_GROUP, XSS_NAME, frame
from tests.builders import hostile_network as network
from tests.conftest import ROOT, SAMPLE_LEDGER, SAMPLE_ZIP

#: Current period (2026-04-02, 2026-07-01]; the previous one starts 2026-01-02.
AS_OF = pd.Timestamp("2026-07-01", tz="UTC")
REAL_NAMES = ("Ann Lee", "Bob Stone", "Olga Owner", FORMULA_NAME, XSS_NAME)


@pytest.fixture(scope="module")
def data():
    return report.report_data(network(), AS_OF)


@pytest.fixture(scope="module")
def html() -> str:
    return report.build(network(), AS_OF).decode("utf-8")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.links += [v or "" for k, v in attrs if k in ("src", "href")]


def xml_text(book: bytes, under: str = "") -> str:
    """Every XML part of an .xlsx (sheets, sharedStrings, charts, tables) under `under`, as one string."""
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        return "\n".join(z.read(n).decode("utf-8") for n in z.namelist()
                         if n.endswith(".xml") and n.startswith(under))


# --- figures ---------------------------------------------------------------------------------------

def test_period_comparison_counts(data):
    table = data.tables["period"].set_index("Measure")
    assert table[["Previous", "Current"]].to_dict("index") == {
        "New connections": {"Previous": 2, "Current": 1},       # bad + xss before, bob now
        "Two-way exchanges": {"Previous": 1, "Current": 2},     # ann both times; bob's meeting now
        "Referrals given": {"Previous": 1, "Current": 0},
        "Referrals received": {"Previous": 0, "Current": 2},
        "One-to-ones": {"Previous": 0, "Current": 1},
        "Closed deals": {"Previous": 1, "Current": 1},
        "Closed business (EUR)": {"Previous": 1000.0, "Current": 3000.0},
    }
    assert table.loc["Closed business (EUR)", "Change"] == 2000.0


@pytest.mark.parametrize(("day", "current"), [
    ("2026-04-02", 0),  # the period's first instant belongs to the previous period
    ("2026-04-03", 1),
    ("2026-07-01", 1),  # as_of itself is in
    ("2026-07-02", 0),  # after as_of: in neither
])
def test_period_window_edges(day, current):
    net = Network(contacts=frame(CONTACT_COLUMNS, [("a", "A", "B", "A B", "", "", "", "", day)],
                                  ("connected_on",)))
    got = period_counts(net, AS_OF - pd.Timedelta(days=90), AS_OF)
    assert got["New connections"] == current


def test_takeaways_quote_the_data(data):
    assert data.takeaways["summary"] == "2 of your 4 contacts are two-way relationships (50.0%)."
    # BNI: 3,000 closed on a cost of 3,598 (fees and hours): money not back, few referrals
    assert data.takeaways["groups"] == ("BNI Test is not paying off: €3,000 of its €3,598 cost back so far "
                                        "(0.83×), and few referrals or one-to-ones.")
    assert "1 new connections (−1)" in data.takeaways["period"]
    assert "€3,000 closed business (+€2,000)" in data.takeaways["period"]
    assert data.takeaways["plan"].startswith("0 of ")
    assert data.takeaways["growth"] == "4 connections; 3 added in the last 12 months."


def test_tiers_compare_start_and_now(data):
    tiers = data.tables["tiers"].set_index("Tier")
    assert tiers["Now"].sum() == 4
    assert tiers["At start"].sum() == 3  # bob connected during the period
    assert data.tier_moves["new"] == 1
    assert (tiers["Change"] == tiers["Now"] - tiers["At start"]).all()


def test_no_table_shows_contact_ids(data):
    assert all("contact_id" not in t.columns for t in data.tables.values())


def test_presentation_sections_match_the_report(data):
    sections = report.presentation_sections(data)
    assert [s["title"] for s in sections] == list(SECTIONS.values())
    assert [s["takeaway"] for s in sections] == [data.takeaways[k] for k in SECTIONS]
    assert all(s["figure"] is None or isinstance(s["figure"], go.Figure) for s in sections)
    assert sections[1]["table"].equals(data.tables["period"])  # in English, shown under the same headers


@pytest.mark.parametrize(("template", "white"), [("plotly_white", True), (None, False)])
def test_app_sections_take_the_app_theme_and_keep_the_bars_hairline(data, template, white):
    """The app passes no template (no copy of plotly_white per chart); its bars keep that outline."""
    figs = [s["figure"] for s in report.presentation_sections(data, template=template) if s["figure"]]
    assert all((f.layout.template.layout.plot_bgcolor == "white") == white for f in figs)
    bars = [t for f in figs for t in f.data if t.type == "bar"]
    assert bars and all(t.marker.line.width == 0.5 or white for t in bars)


# --- HTML ------------------------------------------------------------------------------------------

def test_html_loads_nothing_from_another_host(html):
    parser = _Links()
    parser.feed(html)
    assert not [u for u in parser.links if re.match(r"\s*(https?:)?//", u, re.IGNORECASE)]
    assert "<script src" not in html.lower()
    assert "cdnjs.cloudflare.com" not in html  # plotly's MathJax CDN script


def test_html_embeds_plotly_once(html):
    bundle = report_html.plotly_js()
    assert html.count(bundle[:200]) == 1 and html.count("plotly.js (basic - minified)") == 1
    assert get_plotlyjs()[:60] not in html  # not the 4.8 MB full bundle
    assert html.count("Plotly.newPlot(") >= 5
    assert '"displaylogo": false' in html
    assert len(html.encode("utf-8")) < 1_500_000


def test_vendored_plotly_matches_plotly_py():
    """The partial bundle is the same plotly.js version as the one plotly.py builds figures for."""
    version = re.search(r"plotly\.js v([\d.]+)", get_plotlyjs()[:200]).group(1)
    assert f"plotly.js (basic - minified) v{version}\n" in report_html.plotly_js()[:200]
    assert "</script" not in report_html.plotly_js().lower()


def test_report_draws_only_traces_the_bundle_has(data):
    traces = {t.type for fig in report_html.figures(data).values() if fig is not None for t in fig.data}
    assert traces <= {"scatter", "bar", "pie"}  # plotly-basic's trace types


@pytest.mark.parametrize("payload", [XSS_NAME, XSS_GROUP, "<script>alert(1)", "<img src=x"])
def test_html_escapes_hostile_text(html, payload):
    assert payload not in html


def test_html_shows_hostile_text_as_text(html):
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the referrer's name
    assert "&lt;img src=x onerror=alert(2)&gt;" in html                     # the group's name
    assert "Contains real names" in html and "Olga Owner" in html


def test_html_keeps_money_and_dates_on_one_line(html):
    table = html_table(pd.DataFrame({"Group": ["BNI"], "Cost (EUR)": [23770.0], "Date": [AS_OF]}), "x")
    assert table["figures"] == [1, 2]
    assert re.search(r'<td class="fig">€[\d,]+</td>', html)  # a cost cell in the rendered report


# --- Excel -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def xlsx() -> bytes:
    return report.build(network(), AS_OF, fmt="xlsx")


def test_workbook_layout(xlsx):
    book = load_workbook(io.BytesIO(xlsx))
    assert book.sheetnames == ["Summary", "Groups", "Growth", "Actions", "Contacts", "Ledger", "Hygiene"]
    for ws in book:
        assert ws.tables, ws.title
        assert ws.freeze_panes, ws.title
    charts = {ws.title: len(ws._charts) for ws in book if ws._charts}
    assert charts == {"Summary": 2, "Groups": 1, "Growth": 1}
    groups = book["Groups"]
    header = [c.value for c in groups[1]]
    cost = groups.cell(row=2, column=header.index("Cost (EUR)") + 1)
    assert isinstance(cost.value, float) and "€" in cost.number_format
    ledger = book["Ledger"]
    assert ledger["A2"].is_date and ledger["A2"].number_format == "yyyy-mm-dd"


def test_workbook_number_formats_charts_and_properties(xlsx):
    book = load_workbook(io.BytesIO(xlsx))
    formats = {ws.title: {head.value: cell.number_format for head, cell in zip(ws[1], ws[2], strict=True)}
               for ws in (book["Groups"], book["Contacts"])}
    assert formats["Groups"]["Return on cost"] == '0.00"×"'
    assert formats["Groups"]["Share of hours"] == "0%"
    assert formats["Contacts"]["Strength"] == "#,##0.0"
    assert formats["Contacts"]["Connected on"] == "yyyy-mm-dd" and book["Contacts"]["H2"].is_date
    assert sorted(book["Actions"].tables) == ["ActionsTable", "GoalsTable", "PlanTable"]
    charts = xml_text(xlsx, "xl/charts/")
    assert charts.count("<c:barChart>") == 3 and charts.count("<c:lineChart>") == 1
    assert not book.properties.creator and not book.properties.lastModifiedBy


def test_workbook_never_stores_a_formula(xlsx):
    assert not re.search(r"<f[ >]", xml_text(xlsx, "xl/worksheets/"))
    book = load_workbook(io.BytesIO(xlsx))
    texts = {}
    for ws in book:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)
                if isinstance(cell.value, str):
                    assert "\x07" not in cell.value
                    texts[cell.value] = cell
    for planted in (FORMULA_NAME, FORMULA_COMPANY, "@SUM(1)", "=1+1  bell", "Boss"):
        assert planted in texts, planted
        assert texts[planted].data_type == "s"
    assert texts[FORMULA_NAME].quotePrefix


# --- privacy ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["html", "xlsx"])
def test_anonymised_report_has_no_real_names(fmt):
    net = network()
    net.settings["pseudonym_salt"] = "workspace secret"
    out = report.build(net, AS_OF, anonymize=True, fmt=fmt)
    text = out.decode("utf-8") if fmt == "html" else xml_text(out)
    text = text.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    for name in REAL_NAMES:
        assert name.lower() not in text.lower(), name
    assert "Names anonymised" in text
    alias = pseudonyms.pseudonymize(pd.Series(["Ann Lee"]), "workspace secret").iloc[0]
    assert alias in text


def test_anonymise_scrubs_first_names_from_quoted_messages():
    data = report.report_data(network(), AS_OF, anonymize=True)
    evidence = " ".join(data.tables["hygiene"]["Evidence"])
    assert "could you introduce me" in evidence  # the ask to a brand-new tie is still reported
    assert "Bob" not in evidence and "Stone" not in evidence


def test_mask_companies():
    data = report.report_data(network(), AS_OF, mask_companies=True)
    companies = data.tables["contacts"]["Company"]
    assert companies.str.startswith("Company ").all()
    assert "Ann Lee" in set(data.tables["contacts"]["Name"])  # names untouched


@pytest.mark.parametrize(("names", "same"), [
    (["Jane Doe", "jane  DOE"], True),
    (["José García", "Jose Garcia"], True),
    (["Jane Doe", "John Doe"], False),
])
def test_pseudonyms_are_stable(names, same):
    first = pseudonyms.pseudonymize(pd.Series(names))
    assert first.tolist() == pseudonyms.pseudonymize(pd.Series(names)).tolist()
    assert (first.iloc[0] == first.iloc[1]) is same
    assert first.str.fullmatch(r"Contact [0-9A-F]{6,}").all()


def test_pseudonyms_depend_on_salt_and_stay_distinct(monkeypatch):
    names = pd.Series([f"Person {i}" for i in range(40)])
    assert pseudonyms.pseudonymize(names, "a").iloc[0] != pseudonyms.pseudonymize(names, "b").iloc[0]
    monkeypatch.setattr(pseudonyms, "_SHORT", 1)  # 16 possible values for 40 names: collisions widen
    assert pseudonyms.pseudonymize(names).nunique() == 40


def test_unknown_format_is_an_input_error():
    with pytest.raises(InputError, match=r"use \.html or \.xlsx"):
        report.build(network(), AS_OF, fmt="pdf")


# --- sample data -----------------------------------------------------------------------------------

def test_sample_report():
    from analytics import ingest
    from analytics.ingest import ledger_workbook

    net = ingest.load_files([(SAMPLE_ZIP.name, SAMPLE_ZIP.read_bytes())])
    found = ledger_workbook.read_ledger([(SAMPLE_LEDGER.name, SAMPLE_LEDGER.read_bytes())], net.contacts)
    net.groups, net.members, net.ledger = found.groups, found.members, found.ledger
    as_of = pd.Timestamp("2026-11-15", tz="UTC")
    data = report.report_data(net, as_of)
    assert data.takeaways["groups"].startswith("Content Marketing Summit Köln 2026 pays off: ")
    html = report.render_html(data)
    artifacts = ROOT / "tests" / "artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "report_sample.html").write_text(html, encoding="utf-8")
    anonymous = xml_text(report.build(net, as_of, anonymize=True, fmt="xlsx")).lower()
    assert not [n for n in net.contacts["name"] if n.lower() in anonymous]
    assert "sanne de vries" not in anonymous  # the owner


def test_plan_progress_and_goals():
    status = pd.DataFrame({"item_key": ["call_client:ann"], "list": ["call_client"], "contact_id": ["ann"],
                           "done_on": [AS_OF], "note": [""], "card_sent_on": [pd.NaT]})
    goals = pd.DataFrame({"metric": ["one_to_ones"], "period": ["month"], "target": [1]})
    data = report.report_data(network(), AS_OF, plan_status=status, goals=goals)
    plan = data.tables["plan"].set_index("List")
    assert plan.loc["Call a client"].tolist() == [1, 0]  # done, open
    assert plan.loc["Thank a referrer"].tolist() == [0, 2]  # ann and the hostile referrer
    assert data.takeaways["plan"].startswith(f"1 of {plan.sum().sum()} plan items done")
    assert data.takeaways["plan"].endswith("Goals met in 1 of 8 recent periods.")  # the May one-to-one
    assert data.tables["goals"]["Met"].tolist().count("yes") == 1


def test_keep_in_touch_is_the_list_as_the_user_edited_it():
    before = report.report_data(network(), AS_OF).tables["actions"]
    assert "Ann Lee" in before.loc[before["List"] == "Keep in touch", "Name"].tolist()
    status = pd.DataFrame({"item_key": ["keep_in_touch:ann", "keep_in_touch:xss"],
                           "list": ["keep_in_touch_removed", "keep_in_touch_added"],
                           "contact_id": ["ann", "xss"],
                           "done_on": [pd.NaT, pd.NaT], "note": ["", ""], "card_sent_on": [pd.NaT, pd.NaT]})
    after = report.report_data(network(), AS_OF, plan_status=status).tables["actions"]
    keep = after.loc[after["List"] == "Keep in touch", "Name"].tolist()
    assert keep[0] == XSS_NAME and "Ann Lee" not in keep


def test_next_steps_follow_the_plan_order_once_each() -> None:
    items = pd.DataFrame({"List": ["Reconnect", "Call a client", "Thank a referrer", "Thank a referrer"],
                          "Name": ["Rita", "Carl", "Rob", "Ria"]})
    diag = {"next_steps": ["Stop adding connections.", "Reconnect with your 4 dormant relationships.", ""]}
    assert _next_steps(diag, items, {}) == [
        "Call 1 client: ask how the project went and whether you can help with anything else; no referral "
        "ask yet (first: Carl).",
        "Thank 2 people who referred business to you and learn who their ideal client is (first: Rob).",
        "Reconnect with 1 former strong tie quiet for 6 months or more, starting with Rita: a personal note, "
        "no pitch.",
        "Stop adding connections."]


def test_an_empty_step_one_says_how_to_fill_it() -> None:
    steps = _next_steps({"next_steps": []}, pd.DataFrame({"List": [], "Name": []}), {})
    assert steps[0].startswith("No clients yet: mark the people you did business with")
    assert steps[1].startswith("No referrers yet")


@pytest.mark.parametrize(("suggested", "expected"), [
    ([True, True, False], ["No clients yet", "2 people your LinkedIn export suggests as clients are waiting",
                           "No referrers yet"]),
    ([True], ["No clients yet", "1 person your LinkedIn export suggests as clients is waiting",
              "No referrers yet"]),
    ([False], ["No clients yet", "No referrers yet"]),
])
def test_suggestions_waiting_follow_their_step(suggested: list[bool], expected: list[str]) -> None:
    waiting = {"Call a client": waiting_sentence("call_client", pd.DataFrame({"suggested": suggested}))}
    steps = _next_steps({"next_steps": []}, pd.DataFrame({"List": [], "Name": []}), waiting)
    assert [s[:len(e)] for s, e in zip(steps, expected, strict=True)] == expected


@pytest.mark.parametrize("layout", [{}, {"template": "ggplot2", "width": 100, "title": {"text": "T"}}])
def test_charts_in_the_report_template_equal_plotly_update_layout(layout: dict) -> None:
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]), layout=layout)
    slow = go.Figure(fig).update_layout(template="plotly_white", width=report_html.CHART_WIDTH,
                                        height=report_html.CHART_HEIGHT, autosize=False)
    assert json.loads(report_html._sized(fig).to_json()) == json.loads(slow.to_json())
