"""Which process owns a claim or a temporary folder: tokens naming one run of a process, and whether it still runs."""

from __future__ import annotations

import os
import re
import secrets
import sys
from functools import cache
from pathlib import Path


def process_token(pid: int | None = None) -> str | None:
    """'<pid>_<start>', naming one run of a process (on Linux, by boot and start time); None if it is gone."""
    pid = os.getpid() if pid is None else pid
    if sys.platform.startswith("linux"):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return None if fields[0] in ("Z", "X") else f"{pid}_{_boot_id()}{fields[19]}"
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return f"{pid}_0"


def is_alive(token: str) -> bool:
    """True while the process run named by `token` (see `process_token`) is still running."""
    pid = token.split("_", 1)[0]
    return pid.isdigit() and process_token(int(pid)) == token


@cache
def own_token() -> str:
    """This process's token."""
    token = process_token()
    assert token is not None, "this process runs"
    return token


@cache
def _boot_id() -> str:
    return Path("/proc/sys/kernel/random/boot_id").read_text()[:8]


def hidden_suffix() -> str:
    """'<owner token>-<random>': makes a hidden name unique and tells whose it is."""
    return f"{own_token()}-{secrets.token_hex(4)}"


_HIDDEN_SUFFIX = re.compile(r"-(?P<owner>[0-9]+_(?:[0-9a-f]{8})?[0-9]+)-[0-9a-f]{8}$")


def hidden_owner(name: str, prefix: str) -> str | None:
    """The owner token of a hidden name made as `prefix`, maybe more, then `-` and `hidden_suffix()`; None for any
    other name (a folder of someone else's that merely starts alike)."""
    found = _HIDDEN_SUFFIX.search(name)
    return found["owner"] if found and name.startswith(prefix) else None
