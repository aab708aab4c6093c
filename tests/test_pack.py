"""A pack rendered by worker processes: the same files as in one process, and documents whose worker died
rendered again in a new one, once."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from docgen import Case, RenderError, render_pack
from docgen.publish import pack
from docgen.publish.cache import FOLDER_NAME
from docgen.publish.pool import can_fork

from .jobs_helpers import workers_of

ON = dt.date(2026, 12, 31)


@pytest.mark.slow
@pytest.mark.parametrize("forked", [True, False])
def test_worker_processes_give_the_same_files_as_one_process(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forked: bool
) -> None:
    monkeypatch.setattr(pack, "can_fork", lambda: forked)
    kinds = ["letter-1", "letter-5", "executive-summary", "interview-record"]
    one = render_pack(case, tmp_path / "one", kinds=kinds, on=ON, workers=1, cache=False)
    three = render_pack(case, tmp_path / "three", kinds=kinds, on=ON, workers=3, cache=False)
    assert [path.name for path in one] == [path.name for path in three] and len(one) >= 10
    for a, b in zip(one, three, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert (tmp_path / "one" / "manifest.json").read_bytes() == (tmp_path / "three" / "manifest.json").read_bytes()
    assert not (tmp_path / "one" / FOLDER_NAME).exists()


@pytest.mark.slow
@pytest.mark.parametrize("always", [False, True])
def test_documents_whose_worker_died_are_rendered_again_once(case: Case, tmp_path: Path, always: bool) -> None:
    killed: set[int] = set()
    done = threading.Event()

    def kill() -> None:  # the first worker, or every worker, as soon as it is there
        while not done.is_set() and (always or not killed):
            for pid in set(workers_of(os.getpid())) - killed:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                killed.add(pid)
            time.sleep(0.01)

    killer = threading.Thread(target=kill)
    killer.start()
    try:
        if always:
            with pytest.raises(RenderError, match=r"stopped unexpectedly, 2 times \(BrokenProcessPool\)"):
                render_pack(case, tmp_path, kinds=["imr"], formats=["pdf"], on=ON, workers=2, cache=False)
            assert not list(tmp_path.iterdir()), "nothing written"
        else:
            written = render_pack(case, tmp_path, kinds=["imr"], formats=["pdf"], on=ON, workers=2, cache=False)
            assert len(written) == len(case.imrs)
    finally:
        done.set()
        killer.join()
    assert len(killed) == (2 if always else 1)


@pytest.mark.slow
@pytest.mark.parametrize("always", [False, True])
def test_forked_workers_that_die_are_replaced_once(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, always: bool
) -> None:
    """Workers forked from this process inherit its code: here one that dies in every worker (always), or in the
    first worker only (a file marks that it has died)."""
    parent, died = os.getpid(), tmp_path / "died"
    render_one = pack.render_one

    def dying(*args: Any) -> Any:
        if os.getpid() != parent and (always or not died.exists()):
            died.touch()
            os._exit(9)
        return render_one(*args)

    monkeypatch.setattr(pack, "can_fork", lambda: True)
    monkeypatch.setattr(pack, "render_one", dying)
    out = tmp_path / "out"
    if always:
        with pytest.raises(RenderError, match=r"stopped unexpectedly, 2 times \(BrokenProcessPool\)"):
            render_pack(case, out, kinds=["imr"], formats=["pdf"], on=ON, workers=2, cache=False)
        assert not out.exists(), "nothing written"
    else:
        written = render_pack(case, out, kinds=["imr"], formats=["pdf"], on=ON, workers=2, cache=False)
        assert len(written) == len(case.imrs) and all(path.read_bytes().startswith(b"%PDF") for path in written)
    assert died.exists()


def test_workers_are_forked_only_from_a_process_without_other_threads() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        other.join()
