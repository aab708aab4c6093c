"""Rendering a case's pack for the workbench, in a worker process, never in the thread answering a request.

Each case has its own folder, `.workbench/packs/<name>/`: the documents and their manifest (`documents/`), the
pack as one zip (`pack.zip`), the fingerprint of the case file it was rendered from, and while it renders, its
progress (`progress.json`, documents done of the total), written by the worker and read by the page.
A failure is kept as its message (`failed.txt`), never a traceback.
"""

from __future__ import annotations

import io
import json
import threading
import zipfile
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import DocgenError
from ...files.writing import write_atomic
from ...load.case_files import load_case
from ...load.editing import file_fingerprint
from ...publish.pack import render_pack
from ...publish.pool import new_pool, shut_down
from ...publish.rendered import RenderedDocument
from .store import workbench_folder

FORMATS = ("docx", "pdf", "html")
PACKS_AT_ONCE = 1
"""Packs rendered at the same time (each spreads its documents over the CPUs itself)."""


@dataclass(frozen=True)
class PackState:
    """Where a case's pack stands: rendering (documents done of total), or rendered, or failed and why."""

    rendering: bool
    done: int = 0
    total: int = 0
    failed: str = ""
    rendered_from: str = ""
    """The fingerprint of the case file the pack on disk was rendered from ('' when there is none)."""

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def pack_folder(cases: Path, name: str) -> Path:
    folder = workbench_folder(cases) / "packs" / name
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


class Packs:
    """The packs of a workbench: one rendering at a time per case, PACKS_AT_ONCE in all, in worker processes."""

    def __init__(self, cases: Path) -> None:
        self.cases = cases
        self._pool: ProcessPoolExecutor | None = None
        self._running: dict[str, Future[None]] = {}
        self._lock = threading.Lock()

    def start(self, name: str, case_path: Path) -> bool:
        """Start rendering the pack of the case `name` from its file; False when it is rendering already."""
        with self._lock:
            if name in self._running and not self._running[name].done():
                return False
            if self._pool is None:
                self._pool = new_pool(PACKS_AT_ONCE, pdf=False)
            folder = pack_folder(self.cases, name)
            (folder / "failed.txt").unlink(missing_ok=True)
            _write_progress(folder, 0, 0)
            future = self._pool.submit(render_case_pack, case_path, folder)
            future.add_done_callback(lambda done: _note_stopped(folder, done))
            self._running[name] = future
            return True

    def state(self, name: str) -> PackState:
        """The state of the case's pack now."""
        folder = pack_folder(self.cases, name)
        future = self._running.get(name)
        failed = _text(folder / "failed.txt")
        progress = _progress(folder)
        rendering = future is not None and not future.done()
        return PackState(rendering, *progress, failed=failed, rendered_from=_text(folder / "rendered-from.txt"))

    def close(self) -> None:
        """Stop the worker processes (the server is stopping): packs being rendered are dropped."""
        if self._pool is not None:
            shut_down(self._pool, wait=False)


def render_case_pack(case_path: Path, folder: Path) -> None:
    """In a worker: render every document of the case in every format into `folder`/documents, then the zip; the
    progress written as it goes; a failure written as its message."""
    try:
        raw = case_path.read_bytes()
        case = load_case(case_path)

        def progress(done: int, total: int, _document: RenderedDocument) -> None:
            _write_progress(folder, done, total)

        documents = folder / "documents"
        paths = render_pack(case, documents, None, FORMATS, on_progress=progress)
        write_atomic(folder / "pack.zip", _zipped([*paths, documents / "manifest.json"]), files_only=True)
        write_atomic(folder / "rendered-from.txt", file_fingerprint(raw).encode(), files_only=True)
    except DocgenError as error:
        write_atomic(folder / "failed.txt", error.describe().replace(str(case_path), case_path.name).encode())
    except OSError as error:
        write_atomic(folder / "failed.txt", f"the pack could not be written ({error.strerror})".encode())


def _note_stopped(folder: Path, done: Future[None]) -> None:
    """A worker that stopped without a word (killed, out of memory) leaves its failure said in plain words."""
    if not done.cancelled() and done.exception() is not None:
        write_atomic(folder / "failed.txt", b"the pack could not be rendered (the worker process stopped)")


def manifest_of(cases: Path, name: str) -> dict[str, Any] | None:
    """The manifest of the case's last pack, None when none was rendered."""
    path = pack_folder(cases, name) / "documents" / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _zipped(paths: list[Path]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in paths:
            archive.write(path, path.name)
    return out.getvalue()


def _write_progress(folder: Path, done: int, total: int) -> None:
    write_atomic(folder / "progress.json", json.dumps({"done": done, "total": total}).encode(), files_only=True)


def _progress(folder: Path) -> tuple[int, int]:
    try:
        data = json.loads((folder / "progress.json").read_text())
        return int(data["done"]), int(data["total"])
    except (OSError, ValueError, KeyError):
        return 0, 0


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8").strip() if path.is_file() else ""
