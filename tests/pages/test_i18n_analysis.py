"""The analysis' sentences reach the pages in the user's language: the Groups page's verdicts and badges in
German and Dutch (the sample workspace's language set before the first run)."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.apptest import open_page


def shown(at: AppTest) -> str:
    """Every markdown text and table cell on the page, as one text."""
    cells = [str(v) for frame in at.dataframe for v in frame.value.astype(str).to_numpy().ravel()]
    return "\n".join([m.value for m in at.markdown] + cells)


@pytest.mark.parametrize(("language", "page", "expected", "english"), [
    ("de", "groups", ["🟢 zahlt sich aus", "zahlt sich aus: "], "pays off"),
    ("nl", "groups", ["🟢 loont", " loont: "], "pays off"),
])
def test_page_shows_the_analysis_in_the_language(language, page, expected, english):
    at = open_page(page, language)
    assert not at.exception, [e.value for e in at.exception]
    text = shown(at)
    assert all(words in text for words in expected), text[:500]
    assert english not in text
