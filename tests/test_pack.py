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

import pytest

from docgen import Case, RenderError, render_pack
from docgen.jobs.cache import FOLDER_NAME

from .jobs_helpers import workers_of

ON = dt.date(2026, 7, 1)


def test_worker_processes_give_the_same_files_as_one_process(case: Case, tmp_path: Path) -> None:
    kinds = ["letter-1", "letter-5", "executive-summary", "interview-record"]
    one = render_pack(case, tmp_path / "one", kinds=kinds, on=ON, workers=1, cache=False)
    three = render_pack(case, tmp_path / "three", kinds=kinds, on=ON, workers=3, cache=False)
    assert [path.name for path in one] == [path.name for path in three] and len(one) >= 10
    for a, b in zip(one, three, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert (tmp_path / "one" / "manifest.json").read_bytes() == (tmp_path / "three" / "manifest.json").read_bytes()
    assert not (tmp_path / "one" / FOLDER_NAME).exists()


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
