"""Writing a case's output folder whole: staged in a hidden folder, fsynced, renamed into place."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from ..io import fsync_folder, write_staged
from .owners import hidden_suffix, is_alive


def publish(outbox: Path, reference: str, files: Sequence[tuple[str, bytes]]) -> None:
    """Write files into OUTBOX/.tmp-…/ (0700; files 0600, fsynced), then rename that folder to OUTBOX/<reference>.

    An earlier folder of that name is renamed aside first and removed after, so a reader sees the old
    folder, no folder, or the new one, never half of one.
    """
    staging = outbox / f".tmp-{reference}-{hidden_suffix()}"
    staging.mkdir(mode=0o700)
    try:
        write_staged(staging, files)
        _rename_into_place(staging, outbox / reference)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    fsync_folder(outbox)


def _rename_into_place(staging: Path, final: Path) -> None:
    asides = []
    while True:
        try:
            os.rename(staging, final)
            break
        except OSError as error:
            if error.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
        aside = final.with_name(f".old-{final.name}-{hidden_suffix()}")
        with contextlib.suppress(FileNotFoundError):
            os.rename(final, aside)
            asides.append(aside)
    for aside in asides:
        shutil.rmtree(aside, ignore_errors=True)


def remove_stale_folders(outbox: Path) -> None:
    """Remove the .tmp-…/.old-… folders left in the outbox by processes that are no longer running."""
    for entry in os.scandir(outbox):
        parts = entry.name.rsplit("-", 2)
        if entry.name.startswith((".tmp-", ".old-")) and len(parts) == 3 and not is_alive(parts[1]):
            shutil.rmtree(entry.path, ignore_errors=True)
