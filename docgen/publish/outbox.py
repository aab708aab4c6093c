"""Publishing documents whole: written into a hidden folder beside where they go (0700; files 0600, fsynced), then
made visible, holding the output folder's lock (docgen.files.locking), so that two processes take turns.

- `publish` (watch and batch): a case's folder OUTBOX/<reference>/ is replaced by the new one in one rename.
- `publish_pack` (render): the pack's files sit in the output folder itself, beside what else it holds (the
  document cache); each is renamed into place, the manifest last, so that the manifest always lists a whole pack.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import stat
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

from ..errors import CaseError, UsageError
from ..files.locking import held, lock_inside
from ..files.reading import file_type, read_file
from ..files.writing import fsync_folder, make_folder, write_staged
from .owners import hidden_owner, hidden_suffix, is_alive

MANIFEST = "manifest.json"
STAGING = ".docgen-staging"
"""How a render's staging folder in the output folder is named: .docgen-staging-<owner>-<random>."""
OUTBOX_HIDDEN = (".tmp-", ".old-")
"""How the outbox's hidden folders are named: a case's new folder being written, an old one being removed."""

Files = Sequence[tuple[str, bytes]]
"""Files to write: each one's name and content."""


def publish(outbox: Path, reference: str, files: Files, source: str) -> None:
    """Write files into OUTBOX/.tmp-…/, then rename that folder to OUTBOX/<reference>; `source` is the absolute
    path of the case file they come from, which the manifest among `files` records.

    An earlier folder of that name is renamed aside first and removed after, so a reader sees the old folder, no
    folder, or the new one, never half of one. A folder whose documents come from another case file is not
    replaced (UsageError: see `check_owner`).
    """
    staging = outbox / f"{OUTBOX_HIDDEN[0]}{reference}-{hidden_suffix()}"
    staging.mkdir(mode=0o700)
    try:
        write_staged(staging, files)
        with held(lock_inside(outbox), f"the outbox {outbox}"):
            check_owner(outbox / reference, source)
            _rename_into_place(staging, outbox / reference)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    fsync_folder(outbox)


def check_owner(folder: Path, source: str) -> None:
    """Refuse (UsageError) to replace a case's folder of documents whose manifest says they come from another case
    file than `source`: two case files with one reference would otherwise replace each other's documents."""
    owner = _manifest(folder / MANIFEST).get("input")
    if isinstance(owner, str) and owner != source:
        raise UsageError(
            f"the documents in {folder} come from another case file with the same reference, {owner}; nothing was "
            "written: give this case file its own reference or, if it replaces that file, delete the folder first"
        )


def _rename_into_place(staging: Path, final: Path) -> None:
    asides = []
    while True:
        try:
            os.rename(staging, final)
            break
        except OSError as error:
            if error.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
        aside = final.with_name(f"{OUTBOX_HIDDEN[1]}{final.name}-{hidden_suffix()}")
        with contextlib.suppress(FileNotFoundError):
            os.rename(final, aside)
            asides.append(aside)
    for aside in asides:
        shutil.rmtree(aside, ignore_errors=True)


def remove_stale_folders(outbox: Path) -> None:
    """Remove the .tmp-…/.old-… folders left in the outbox by processes that are no longer running."""
    for folder in _stale_folders(outbox, OUTBOX_HIDDEN):
        shutil.rmtree(folder, ignore_errors=True)


def _stale_folders(folder: Path, prefixes: Iterable[str]) -> list[Path]:
    """The hidden folders in `folder` named with one of `prefixes` and `hidden_suffix()` by processes that are no
    longer running."""
    stale = []
    with os.scandir(folder) as entries:
        for entry in entries:
            owner = next((o for prefix in prefixes if (o := hidden_owner(entry.name, prefix))), None)
            if owner is not None and not is_alive(owner) and entry.is_dir(follow_symlinks=False):
                stale.append(Path(entry.path))
    return stale


def publish_pack(folder: Path, documents: Files, manifest: bytes) -> list[Path]:
    """Write a pack's documents and its manifest into `folder` (made owner-only if missing, with the folders above
    it); returns the documents' paths.

    Every file is written into FOLDER/.docgen-staging-…/ first. Then, holding the folder's lock: a name taken by
    something that is not a file (a folder, a link, a pipe) is refused (UsageError) with nothing moved; each
    document is renamed into place, then the manifest; the files of the previous pack that this one does not have
    are removed (those still as it wrote them), and the staging folders of renders that died. So `manifest.json`
    is always the previous pack's or this one's, and names only files in place; a file it lists is the one it
    describes when their sha256 match (a reader that finds a mismatch is reading while a render publishes).
    """
    files = [*documents, (MANIFEST, manifest)]
    _check_distinct(name for name, _ in files)
    make_folder(folder)
    staging = folder / f"{STAGING}-{hidden_suffix()}"
    staging.mkdir(mode=0o700)
    try:
        write_staged(staging, files)
        with held(lock_inside(folder), f"the folder {folder}"):
            _check_free(folder, [name for name, _ in files])
            stale = _stale_folders(folder, [STAGING])
            previous = _listed(folder / MANIFEST, *(s / MANIFEST for s in stale))
            for name, _ in documents:
                os.replace(staging / name, folder / name)
            fsync_folder(folder)  # every document is in place before the manifest lists it
            os.replace(staging / MANIFEST, folder / MANIFEST)
            fsync_folder(folder)
            _remove_left_over(folder, previous, {name for name, _ in files})
            for path in stale:
                shutil.rmtree(path, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [folder / name for name, _ in documents]


def _check_distinct(names: Iterable[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise UsageError(f"two files of the pack would have one name, {name}; nothing was written")
        seen.add(name)


def _check_free(folder: Path, names: Sequence[str]) -> None:
    """Refuse a pack one of whose names is taken in `folder` by something that is not a file."""
    for name in names:
        try:
            mode = os.lstat(folder / name).st_mode
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(mode):
            raise UsageError(
                f"{folder / name} is {file_type(mode)}, where docgen would write a file of the pack; nothing was "
                "written: move it away, or render into another folder"
            )


def _listed(*manifests: Path) -> dict[str, set[str]]:
    """The files these manifests list, each with the sha256 it was written with (several, when they differ)."""
    listed: dict[str, set[str]] = {}
    for path in manifests:
        documents = _manifest(path).get("documents")
        for entry in documents if isinstance(documents, list) else ():
            name, digest = (entry.get("file"), entry.get("sha256")) if isinstance(entry, dict) else (None, None)
            if isinstance(name, str) and isinstance(digest, str) and _plain_name(name):
                listed.setdefault(name, set()).add(digest)
    return listed


def _remove_left_over(folder: Path, listed: dict[str, set[str]], keep: Collection[str]) -> None:
    """Remove the listed files that are not in `keep` and are still files with the content listed."""
    removed = False
    for name, digests in listed.items():
        path = folder / name
        if name not in keep and _sha256_of_file(path) in digests:
            path.unlink()
            removed = True
    if removed:
        fsync_folder(folder)


def _plain_name(name: str) -> bool:
    """True for a name a document may have: in the folder itself, not hidden, not the manifest."""
    return bool(name) and "\0" not in name and os.path.basename(name) == name and name[0] != "." and name != MANIFEST


def _sha256_of_file(path: Path) -> str | None:
    """The sha256 of a regular file (None for anything else, or when it cannot be read)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _manifest(path: Path) -> dict[str, Any]:
    """A manifest's fields; {} when there is none, or it is not one."""
    try:
        data = json.loads(read_file(path, str(path)))
    except (CaseError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}
