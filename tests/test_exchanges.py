"""Give and take: who takes without giving, within a group."""

import pandas as pd

from analytics import exchanges


def test_flagged_takers_within_a_group() -> None:
    balance = pd.DataFrame({"contact_id": ["a", "b", "c"], "name": ["A", "B", "C"], "given": [0, 1, 2],
                            "received": [3, 1, 0], "balance": [-3, 0, 2],
                            "first_given": pd.to_datetime([None, "2026-02-01", "2026-01-01"], utc=True),
                            "first_received": pd.to_datetime(["2026-01-01", "2026-01-01", None], utc=True),
                            "takes_only": [True, False, False],
                            "withdrew_before_deposit": [True, True, False]})
    assert exchanges.taking_flags(balance)["name"].tolist() == ["A", "B"]
    assert exchanges.taking_flags(balance, ["b", "c"])["why"].tolist() == [
        "you received before you ever gave"]
