"""The advisory lock: a second holder waits, then gives up in plain words; a dead holder frees it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from docgen.files.locking import LockedError, held, lock_beside, lock_inside


def test_lock_files_sit_beside_a_file_and_inside_a_folder(tmp_path: Path) -> None:
    assert lock_beside(tmp_path / "case.yaml") == tmp_path / ".case.yaml.lock"
    assert lock_inside(tmp_path / "out") == tmp_path / "out" / ".docgen.lock"


def test_a_second_holder_gives_up_with_a_plain_message(tmp_path: Path) -> None:
    lock = lock_beside(tmp_path / "case.yaml")
    with held(lock, "case.yaml"), pytest.raises(LockedError) as caught, held(lock, "case.yaml", wait=0.2):
        pass
    assert "case.yaml is in use by another docgen process" in caught.value.describe()
    assert os.stat(lock).st_mode & 0o777 == 0o600


def test_a_second_holder_waits_for_the_first(tmp_path: Path) -> None:
    lock = tmp_path / ".lock"
    order: list[str] = []
    released = threading.Event()

    def first() -> None:
        with held(lock, "x"):
            order.append("first")
            released.wait(5)
            time.sleep(0.1)
            order.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    while not order:
        time.sleep(0.01)
    released.set()
    with held(lock, "x", wait=10):
        order.append("second")
    thread.join()
    assert order == ["first", "first done", "second"]


def test_a_killed_holder_leaves_no_lock(tmp_path: Path) -> None:
    lock = tmp_path / ".lock"
    code = f"from docgen.files.locking import held\nwith held({str(lock)!r}, 'x'):\n    print('held', flush=True)\n"
    code += "    input()"
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "text": True}
    with subprocess.Popen([sys.executable, "-c", code], **pipes) as holder:  # type: ignore[call-overload]
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(LockedError), held(lock, "x", wait=0.1):
            pass
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with held(lock, "x", wait=1):
        pass


def test_a_symlink_in_place_of_the_lock_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("keep")
    (tmp_path / ".lock").symlink_to(target)
    with pytest.raises(LockedError, match="cannot be locked"), held(tmp_path / ".lock", "x", wait=0.1):
        pass
    assert target.read_text() == "keep"
