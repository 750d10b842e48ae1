"""The coach report: figures computed once (`report_data`), rendered as HTML, Excel or app sections.

    python -m analytics report EXPORT.zip --ledger ledger.xlsx --out report.html   (or .xlsx)

Example:
    >>> from analytics.model import empty_network
    >>> build(empty_network(), pd.Timestamp("2026-01-01", tz="UTC"), fmt="xlsx")[:2]
    b'PK'
"""

from __future__ import annotations

import pandas as pd

from analytics.errors import InputError
from analytics.i18n import _
from analytics.model import Network
from analytics.report_data import ReportData, privacy_label, report_data
from analytics.report_html import presentation_sections, render_html
from analytics.report_xlsx import render_xlsx

__all__ = ["ReportData", "build", "presentation_sections", "privacy_label", "render_html", "render_xlsx",
           "report_data"]


def build(net: Network, as_of: pd.Timestamp, anonymize: bool = False, fmt: str = "html", **kw) -> bytes:
    """The report file's bytes in the language in use: fmt "html" (UTF-8) or "xlsx"; `kw` go to
    `report_data` (period_days, mask_companies, plan_status, goals).

    >>> from analytics.model import empty_network
    >>> build(empty_network(), pd.Timestamp("2026-01-01", tz="UTC"), fmt="pdf")
    Traceback (most recent call last):
    ...
    analytics.errors.InputError: --out: use .html or .xlsx
    """
    fmt = fmt.lower().lstrip(".")
    if fmt not in ("html", "xlsx"):
        raise InputError("--out", _("use .html or .xlsx"))
    data = report_data(net, as_of, anonymize=anonymize, **kw)
    return render_html(data).encode("utf-8") if fmt == "html" else render_xlsx(data)
