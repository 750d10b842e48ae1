"""Two browser sessions: separate workspaces stay separate, one shared workspace loses no writes."""

import threading
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from analytics.model import ANNOTATION_COLUMNS, CONTACT_COLUMNS, GROUP_COLUMNS, empty_network
from analytics.store import Store, list_workspaces, workspace_path

ROUNDS = 50  # writes per thread


def export(*names: str):
    net = empty_network()
    net.contacts = pd.DataFrame(
        [{"contact_id": f"in:{n.lower()}", "name": n, "url": f"https://www.linkedin.com/in/{n.lower()}",
          "connected_on": pd.Timestamp("2024-01-01", tz="UTC")} for n in names], columns=CONTACT_COLUMNS)
    return net


def note(cid: str, text: str) -> pd.DataFrame:
    return pd.DataFrame([(cid, 3.0, text, False, "", None, None, "")], columns=ANNOTATION_COLUMNS)


def test_two_workspaces_never_see_each_others_data():
    alpha, beta = Store(workspace_path("alpha")), Store(workspace_path("beta"))
    alpha.import_network(export("Anna", "Bram"))
    beta.import_network(export("Carla"))
    alpha.save_annotations(note("in:anna", "alpha only"))
    beta.save_settings(hourly_rate=120)
    a, b = alpha.load(), beta.load()
    assert sorted(a.contacts["contact_id"]) == ["in:anna", "in:bram"]
    assert b.contacts["contact_id"].tolist() == ["in:carla"]
    assert a.annotations["notes"].tolist() == ["alpha only"] and b.annotations.empty
    salts = a.settings.pop("pseudonym_salt"), b.settings.pop("pseudonym_salt")
    assert salts[0] != salts[1]  # each workspace its own secret
    assert a.settings == {} and b.settings == {"hourly_rate": 120}
    assert (alpha.revision(), beta.revision()) == (2, 2)
    assert list_workspaces() == ["alpha", "beta"]
    alpha.delete_all()
    assert list_workspaces() == ["beta"]
    assert beta.load().contacts["contact_id"].tolist() == ["in:carla"]


def run_together(*jobs: Callable[[], None]) -> list[BaseException]:
    """Start `jobs` on their own threads at the same instant; the errors they raised."""
    start, errors = threading.Barrier(len(jobs)), []

    def run(job: Callable[[], None]) -> None:
        start.wait()
        try:
            job()
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def session(store: Store, who: str) -> Callable[[], None]:
    """One browser session: make sure the group exists, then annotate ROUNDS contacts and add
    them to the group ten at a time."""
    def job() -> None:
        store.save_groups(pd.DataFrame([("club", "Club", "informal", None, None, None)],
                                       columns=GROUP_COLUMNS))
        for i in range(ROUNDS):
            store.save_annotations(note(f"in:{who}-{i}", f"{who} {i}"))
            if i % 10 == 9:
                store.set_members("club", [f"in:{who}-{j}" for j in range(i - 9, i + 1)])
    return job


@pytest.mark.parametrize("fresh_file", [True, False], ids=["both-create-the-file", "existing-file"])
def test_two_sessions_writing_one_workspace_at_once_lose_nothing(tmp_path: Path, fresh_file):
    path = tmp_path / "shared.sqlite"
    if not fresh_file:
        Store(path).load()  # otherwise the schema migration itself races
    first, second = Store(path), Store(path)
    assert run_together(session(first, "a"), session(second, "b")) == []
    net = Store(path).load()
    expected = sorted(f"in:{w}-{i}" for w in "ab" for i in range(ROUNDS))
    assert sorted(net.annotations["contact_id"]) == expected
    assert sorted(net.members["contact_id"]) == expected
    assert net.groups["group_id"].tolist() == ["club"]
    writes_per_session = 1 + ROUNDS + ROUNDS // 10
    assert first.revision() == second.revision() == 2 * writes_per_session  # no increment lost either


def test_sessions_opening_a_brand_new_workspace_at_once_all_succeed(tmp_path: Path):
    """The first write converts the new file to WAL; SQLite refuses a second converter at once,
    without waiting, so this failed about one time in four before the store waited for it."""
    for attempt in range(40):
        path = tmp_path / f"new-{attempt}.sqlite"
        jobs = [lambda n=n, path=path: Store(path).save_settings(**{f"k{n}": n}) for n in range(3)]
        assert run_together(*jobs) == []
        settings = Store(path).load().settings
        assert settings.pop("pseudonym_salt") and settings == {"k0": 0, "k1": 1, "k2": 2}
