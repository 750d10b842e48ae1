"""Every page in German, Dutch and Italian: it runs, and no English sentence, label or chart title is left
on it (AppTest reads every element's text and the Plotly figures' titles, axes, legends and hovers)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from functools import cache

import pytest
from streamlit.testing.v1 import AppTest

from analytics import catalogues, i18n
from tests.pages.apptest import open_page
from tests.pages.test_all_pages import PAGES
from ui.session import SAMPLE_DIR

pytestmark = pytest.mark.apptest

#: Each page's heading per language (written here, not read from the catalogue).
HEADINGS = {
    "overview": {"de": "Ist mein Netzwerk breit oder tief?", "nl": "Is mijn netwerk breed of diep?",
                 "it": "La mia rete è ampia o profonda?"},
    "contacts": {"de": "Kontakte", "nl": "Contacten", "it": "Contatti"},
    "duplicates": {"de": "Mögliche Duplikate", "nl": "Mogelijke dubbelen", "it": "Possibili duplicati"},
    "graph": {"de": "Ihr Netzwerk als Grafik", "nl": "Uw netwerk als grafiek",
              "it": "La tua rete come grafico"},
    "import": {"de": "Import & Arbeitsbereich", "nl": "Import & werkruimte",
               "it": "Importa e area di lavoro"},
    "actions": {"de": "Was tue ich als Nächstes?", "nl": "Wat doe ik nu?", "it": "Cosa faccio adesso?"},
    "groups": {"de": "Welche Gruppen zahlen sich aus?", "nl": "Welke groepen lonen?",
               "it": "Quali gruppi rendono?"},
    "ledger": {"de": "Journal & Gruppen einrichten", "nl": "Logboek & groepen instellen",
               "it": "Registro e gruppi"},
    "report": {"de": "Coach-Bericht", "nl": "Coachrapport", "it": "Report per il coach"},
}
#: Words only English uses among the four languages: two of them in one text make an English sentence.
ENGLISH = re.compile(r"\b(the|your|you|with|from|this|that|have|are|for|what|when|which|been|they|their|"
                     r"into|about|would|should)\b", re.IGNORECASE)


@cache
def _sample_text() -> str:
    """Everything the sample export says: texts quoted from it are data, not the app's words."""
    with zipfile.ZipFile(io.BytesIO((SAMPLE_DIR / "linkedin_sample.zip").read_bytes())) as archive:
        return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


@cache
def _english_ids(lang: str) -> frozenset[str]:
    """The catalogue's English texts that `lang` writes differently (a short label like "Name" may be
    the same word in both) and that are not a word of `lang` too."""
    catalog = catalogues.read(lang)
    written = {m.string for m in catalog if isinstance(m.string, str)}  # Italian "Data" is a date
    return frozenset(m.id for m in catalog if isinstance(m.id, str) and m.id and m.string
                     and m.string != m.id and "{" not in m.id and m.id not in written)


def _walk(node: object) -> Iterator[object]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def _figure_texts(spec: str) -> Iterator[str]:
    figure = json.loads(spec)
    layout = figure.get("layout", {})
    for key, part in layout.items():
        if key == "title" or key.startswith(("xaxis", "yaxis")) or key == "legend":
            title = part.get("title") if isinstance(part, dict) else None
            text = title.get("text") if isinstance(title, dict) else title if key != "title" else part
            if isinstance(text, dict):
                text = text.get("text")
            if isinstance(text, str):
                yield text
    for trace in figure.get("data", []):
        for key in ("name", "hovertemplate"):
            if isinstance(trace.get(key), str):
                yield re.sub(r"%\{[^}]*\}|<[^>]*>", " ", trace[key])


def shown_texts(at: AppTest) -> list[str]:
    """Every text the page shows: element texts, widgets' labels, helps and options (as shown, through
    their format_func) and chart texts."""
    out: list[str] = []
    for root in (at.main, at.sidebar):
        for node in _walk(root):
            widget = hasattr(node, "options") or hasattr(node, "set_value")  # its value is data, not text
            for attr in ("label", "help", "placeholder", *(("options",) if widget else ("value",))):
                try:
                    value = getattr(node, attr)
                except Exception:  # not every element has every attribute
                    continue
                out.extend(v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str))
            if getattr(node, "type", "") == "plotly_chart":
                out.extend(_figure_texts(node.proto.spec))
    return [text for text in out if text.strip()]


def leaks(texts: list[str], lang: str) -> list[str]:
    """Texts still in English: a catalogue text shown untranslated, or a sentence of English words that
    is not quoted from the user's own files."""
    data = _sample_text()
    found = []
    for text in texts:
        plain = text.replace("\\", "")
        if plain in _english_ids(lang):
            found.append(plain)
        elif len(set(w.lower() for w in ENGLISH.findall(plain))) >= 2 and plain not in data:
            found.append(plain[:120])
    return sorted(set(found))



@pytest.mark.parametrize("lang", ["de", "nl", "it"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_speaks_the_language(page: str, lang: str) -> None:
    at = open_page(page, lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == HEADINGS[page][lang]
    with i18n.use(lang):
        sample_note = i18n._("You are looking at the **sample network** (a fictional consultant). "
                             "Open **Import & workspace** to load your own LinkedIn export.")
    assert [i.value for i in at.info][:1] == [sample_note]
    assert leaks(shown_texts(at), lang) == []


def test_the_leak_check_sees_english() -> None:
    """The check itself: an English sentence and an untranslated label are found, data quoted from the
    export and German text are not."""
    quoted = next(line for line in _sample_text().splitlines() if len(ENGLISH.findall(line)) >= 3)[:80]
    texts = ["Your strongest ties are the ones you call.", "Overview", "Überblick",
             "Ihre stärksten Verbindungen", quoted, "Name"]
    assert leaks(texts, "de") == ["Overview", "Your strongest ties are the ones you call."]
