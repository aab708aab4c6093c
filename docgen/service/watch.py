"""The watched folder: case files dropped into INBOX become documents in OUTBOX/<reference>/, unattended.

The life of a file: it arrives → it is complete (Linux: closed after writing, or moved in; when polling,
and for files found by a scan: its size and modification time have stopped changing) → it is claimed:
renamed atomically to a hidden name in INBOX that names the claiming process → its job runs
(`docgen.service`) → under the job log's lock, a free name in INBOX/processed/ or INBOX/failed/ is chosen
and the job logged with it → the input is moved there (beside NAME.error.txt when it failed), never
over another file. A claim whose process has gone is moved where the log says, or else claimed again.
"""

from __future__ import annotations

import errno
import os
import queue
import sys
import threading
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from watchdog.events import (
    DirDeletedEvent,
    FileClosedEvent,
    FileClosedNoWriteEvent,
    FileDeletedEvent,
    FileOpenedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
    FileSystemMovedEvent,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from ..errors import OutputError, UsageError
from ..files.writing import write_atomic
from ..publish.owners import hidden_suffix, is_alive, own_token
from ..publish.pool import worker_count
from .joblog import JobLog, JobResult
from .runner import DEFAULT_FORMATS, JobRunner, is_case_name

PROCESSED, FAILED = "processed", "failed"
CLAIM_PREFIX = ".docgen-claim."
STALE_OPEN = 300.0
"""Seconds after which a file still open (a close event lost) is taken once it stops changing."""
RETRY_FIRST, RETRY_MOST = 1.0, 60.0
"""Seconds before settling a job again when its log line or error note could not be written (a full disk):
at first, and at most, doubling in between."""
AFTER_ERROR = "When it is put right, put the file into the inbox folder again; docgen will take it again."


@dataclass
class _Seen:
    signature: tuple[int, int] | None = None
    """(size, mtime_ns) at the last scan."""
    since: float = 0.0
    """When the signature last changed."""
    opens: int = 0
    written: bool = False


class Arrivals:
    """Which candidate files in the inbox are complete; pure: fed with scans of the folder and the observer's events.

    A file is complete when it was closed after writing or moved in, and no one has it open; or, when the
    platform tells nothing of closes (polling, files already there), once its size and modification time
    have not changed for `settle` seconds (`stale` seconds if it is still open).
    """

    def __init__(self, settle: float, stale: float = STALE_OPEN) -> None:
        self.settle = settle
        self.stale = stale
        self._seen: dict[str, _Seen] = {}

    def scanned(self, found: Mapping[str, tuple[int, int]], now: float) -> None:
        """A scan found these candidates with their (size, mtime_ns); the others are gone."""
        for name in self._seen.keys() - found.keys():
            del self._seen[name]
        for name, signature in found.items():
            seen = self._seen.setdefault(name, _Seen())
            if seen.signature != signature:
                seen.signature, seen.since = signature, now

    def opened(self, name: str) -> None:
        """Someone opened the file."""
        self._seen.setdefault(name, _Seen()).opens += 1

    def closed(self, name: str, wrote: bool) -> None:
        """Someone closed the file, after writing to it or not."""
        seen = self._seen.setdefault(name, _Seen())
        seen.opens = max(0, seen.opens - 1)
        seen.written |= wrote

    def arrived(self, name: str) -> None:
        """The file was renamed into the folder: it is whole."""
        self._seen[name] = _Seen(written=True)

    def forget(self, name: str) -> None:
        """The file is gone (or taken)."""
        self._seen.pop(name, None)

    def ready(self, now: float) -> list[str]:
        """The complete files."""
        return [name for name, seen in self._seen.items() if self._complete(seen, now)]

    def _complete(self, seen: _Seen, now: float) -> bool:
        if seen.written and not seen.opens:
            return True
        quiet = self.stale if seen.opens else self.settle
        return seen.signature is not None and now - seen.since >= quiet


@dataclass(frozen=True)
class Claim:
    """A file taken by a watcher: INBOX/.docgen-claim.<owner>-<random>.<name>."""

    path: Path
    owner: str
    name: str

    @classmethod
    def parse(cls, path: Path) -> Claim | None:
        """The claim this hidden file is, or None."""
        unique, _, name = path.name.removeprefix(CLAIM_PREFIX).partition(".")
        if not path.name.startswith(CLAIM_PREFIX) or not name:
            return None
        return cls(path, unique.split("-", 1)[0], name)


def claim(source: Path, name: str) -> Path | None:
    """Take `source` for this process by renaming it atomically; None if another process took it first, or if
    it cannot be renamed now (a full disk): a later scan finds it again."""
    taken = source.parent / f"{CLAIM_PREFIX}{hidden_suffix()}.{name}"
    try:
        os.rename(source, taken)
    except OSError:
        return None
    return taken


def free_name(folder: Path, name: str, taken: Collection[str]) -> Path:
    """FOLDER/NAME, or NAME with -1, -2… before its suffix: the first that is not there and was never given out."""
    stem, suffix = os.path.splitext(name)
    number = 0
    while True:
        path = folder / (f"{stem}-{number}{suffix}" if number else name)
        if str(path) not in taken and not os.path.lexists(path) and not os.path.lexists(error_note(path)):
            return path
        number += 1


def error_note(path: Path) -> Path:
    """NAME.error.txt beside a failed input."""
    return path.with_name(f"{path.name}.error.txt")


def place(source: Path, destination: Path, error: str | None) -> None:
    """Move a claimed input to `destination` (which must be free), first writing its error note if it failed."""
    destination.parent.mkdir(mode=0o700, exist_ok=True)
    if error is not None and not os.path.lexists(note := error_note(destination)):
        for stale in note.parent.iterdir():  # a note half-written when a watcher was killed
            if stale.name.startswith(f".{note.name}.") and stale.name.endswith(".part"):
                stale.unlink(missing_ok=True)
        write_atomic(note, f"{error}\n\n{AFTER_ERROR}\n".encode())
    try:
        os.link(source, destination, follow_symlinks=False)
    except FileExistsError:  # a link left by an interrupted move is fine; another file is not
        if not os.path.samestat(os.lstat(source), os.lstat(destination)):
            raise
    except FileNotFoundError:  # removed by hand meanwhile: nothing to move
        return
    except OSError:  # no hard links here: a folder, or a file system without them
        if os.path.lexists(destination):
            raise FileExistsError(errno.EEXIST, "a file is in the way", str(destination)) from None
        os.rename(source, destination)
        return
    os.unlink(source)


class _Forward(FileSystemEventHandler):
    """Hands every event of the observer's thread to the watcher's loop."""

    def __init__(self, put: Callable[[FileSystemEvent], None]) -> None:
        self._put = put

    def dispatch(self, event: FileSystemEvent) -> None:
        self._put(event)


class Watcher:
    """Watches INBOX and turns each case file dropped there into documents in OUTBOX/<reference>/.

    `run(stop)` takes the files already there, then new ones as they arrive, until `stop` is set.
    """

    def __init__(
        self,
        inbox: str | os.PathLike[str],
        outbox: str | os.PathLike[str],
        workers: int = 1,
        poll: bool = False,
        formats: Sequence[str] = DEFAULT_FORMATS,
        settle: float = 1.0,
        on_result: Callable[[JobResult], None] | None = None,
        on_problem: Callable[[str], None] | None = None,
    ) -> None:
        self.inbox, self.outbox = Path(inbox).resolve(), Path(outbox).resolve()
        if self.outbox == self.inbox:
            raise UsageError("the outbox must be another folder than the inbox")
        if self.outbox.is_relative_to(self.inbox) or self.inbox.is_relative_to(self.outbox):
            inner, outer = sorted((self.inbox, self.outbox), key=lambda p: len(p.parts), reverse=True)
            raise UsageError(
                f"the inbox and the outbox must not be inside one another ({inner} is inside {outer}): "
                "publishing a case's folder could replace the inbox, its processed files or its board profiles"
            )
        if not os.access(self.inbox, os.W_OK | os.X_OK):
            raise UsageError(f"the inbox {self.inbox} cannot be written to: files are taken by renaming them")
        self.workers, self.poll, self.formats = worker_count(workers), poll, tuple(formats)
        self.on_result = on_result
        self.on_problem = on_problem
        self._arrivals = Arrivals(settle)
        self._interval = settle / 2
        self._unsettled: dict[Path, tuple[JobResult, float, float]] = {}
        """Jobs whose log line or error note could not be written: result, when to try again, the delay after."""

    def run(self, stop: threading.Event) -> None:
        """Watch until `stop` is set, then finish the jobs in hand (a harder stop leaves them claimed for next time)."""
        for folder in (PROCESSED, FAILED):  # where to look, from the start
            (self.inbox / folder).mkdir(mode=0o700, exist_ok=True)
        events: queue.SimpleQueue[FileSystemEvent | None] = queue.SimpleQueue()
        observer = self._observer()
        observer.schedule(_Forward(events.put), str(self.inbox), recursive=False)
        observer.start()
        try:
            kept = (self.inbox / PROCESSED, self.inbox / FAILED)  # no case's templates folder may hold dropped files
            with JobRunner(self.outbox, self.workers, self.formats, lambda: events.put(None), kept) as runner:
                next_scan = 0.0
                while not stop.is_set():
                    if time.monotonic() >= next_scan:
                        self._scan(runner)
                        next_scan = time.monotonic() + self._interval
                    self._take_ready(runner)
                    self._settle_all(runner, runner.collect())
                    self._settle_again(runner)
                    self._wait(events, next_scan)
                while runner.busy:
                    self._settle_all(runner, runner.collect(timeout=None))
                self._settle_again(runner, everything=True)
        finally:
            observer.stop()
            observer.join()

    def _observer(self) -> BaseObserver:
        if self.poll:
            return PollingObserver(timeout=self._interval)
        if sys.platform.startswith("linux"):
            from watchdog.observers.inotify import InotifyObserver

            return InotifyObserver(generate_full_events=True)  # a file moved in from elsewhere is a move
        return Observer()

    def _scan(self, runner: JobRunner) -> None:
        """Note each candidate's size and time, and deal with the claims of processes that are gone."""
        found = {}
        with os.scandir(self.inbox) as entries:
            for entry in entries:
                if is_case_name(entry.name):
                    try:
                        info = entry.stat(follow_symlinks=False)
                    except FileNotFoundError:
                        continue
                    found[entry.name] = (info.st_size, info.st_mtime_ns)
                elif (orphan := Claim.parse(Path(entry.path))) and not is_alive(orphan.owner):
                    self._recover(runner, orphan)
        self._arrivals.scanned(found, time.monotonic())

    def _recover(self, runner: JobRunner, orphan: Claim) -> None:
        """Finish the move of a job the log records as done; otherwise claim the file again and run its job."""
        try:
            with runner.log.locked():
                record = runner.log.finished(orphan.path.name)
                if record is not None:
                    self._move_logged(runner.log, orphan, record)
                    return
        except (OSError, OutputError) as error:  # a full disk: the next scan tries again
            self._problem(f"{self.inbox / orphan.name} stays claimed and is settled again later: {_reason(error)}")
            return
        if (taken := claim(orphan.path, orphan.name)) is not None:
            runner.submit(taken, str(self.inbox / orphan.name), tag=taken)

    def _move_logged(self, log: JobLog, orphan: Claim, record: dict[str, Any]) -> Path:
        """Move a claimed input where its log line says (elsewhere, logged, if another file took that name)."""
        destination = Path(record["moved_to"])
        try:
            place(orphan.path, destination, record.get("error"))
        except FileExistsError:  # another file took that name since the crash: use another, and log it
            destination = free_name(destination.parent, orphan.name, log.destinations)
            log.append(record | {"moved_to": str(destination)})
            place(orphan.path, destination, record.get("error"))
        return destination

    def _take_ready(self, runner: JobRunner) -> None:
        for name in self._arrivals.ready(time.monotonic()):
            if not runner.has_room:
                return
            self._arrivals.forget(name)
            if (taken := claim(self.inbox / name, name)) is not None:
                runner.submit(taken, str(self.inbox / name), tag=taken)

    def _settle_all(self, runner: JobRunner, done: list[tuple[object, JobResult]]) -> None:
        """Log each completed job with the place its input goes to, then move it there."""
        for taken, result in done:
            assert isinstance(taken, Path)
            self._settle(runner, taken, result, RETRY_FIRST)

    def _settle(self, runner: JobRunner, taken: Path, result: JobResult, delay: float) -> None:
        """Log a job (unless its line is written already) and move its input; when the log or the error note
        cannot be written (a full disk), the input stays claimed and this is tried again after `delay`."""
        folder = self.inbox / (FAILED if result.outcome == "failed" else PROCESSED)
        name = Path(result.input).name
        try:
            with runner.log.locked():
                if (record := runner.log.finished(taken.name)) is None:
                    destination = free_name(folder, name, runner.log.destinations)
                    record = replace(result, moved_to=str(destination)).record(claim=taken.name)
                    runner.log.append(record)
            destination = self._move_logged(runner.log, Claim(taken, own_token(), name), record)
        except (OSError, OutputError) as error:
            self._unsettled[taken] = (result, time.monotonic() + delay, min(delay * 2, RETRY_MOST))
            self._problem(f"{result.input} stays claimed and is settled again in {delay:g} s: {_reason(error)}")
            return
        self._unsettled.pop(taken, None)
        if self.on_result is not None:
            self.on_result(replace(result, moved_to=str(destination)))

    def _settle_again(self, runner: JobRunner, everything: bool = False) -> None:
        """Try again the jobs that could not be settled, those whose time has come (or all, once)."""
        now = time.monotonic()
        for taken, (result, due, delay) in list(self._unsettled.items()):
            if everything or due <= now:
                self._settle(runner, taken, result, delay)

    def _problem(self, message: str) -> None:
        if self.on_problem is not None:
            self.on_problem(message)

    def _wait(self, events: queue.SimpleQueue[FileSystemEvent | None], until: float) -> None:
        """Wait for an event (or a job's progress) until `until`, then apply every event that came."""
        try:
            event = events.get(timeout=max(0.0, until - time.monotonic()))
            while True:
                if event is not None:
                    self._apply(event)
                event = events.get_nowait()
        except queue.Empty:
            return

    def _apply(self, event: FileSystemEvent) -> None:
        """Tell the arrivals what the observer saw in the inbox itself."""
        arrivals = self._arrivals
        if isinstance(event, FileSystemMovedEvent):
            self._for_candidate(event.src_path, arrivals.forget)
            self._for_candidate(event.dest_path, arrivals.arrived)
        elif isinstance(event, FileClosedEvent | FileClosedNoWriteEvent):
            self._for_candidate(event.src_path, lambda name: arrivals.closed(name, isinstance(event, FileClosedEvent)))
        elif isinstance(event, FileOpenedEvent):
            self._for_candidate(event.src_path, arrivals.opened)
        elif isinstance(event, FileDeletedEvent | DirDeletedEvent):
            self._for_candidate(event.src_path, arrivals.forget)

    def _for_candidate(self, path: bytes | str, action: Callable[[str], None]) -> None:
        name = os.path.basename(os.fsdecode(path))
        if path and os.path.dirname(os.fsdecode(path)) == str(self.inbox) and is_case_name(name):
            action(name)


def _reason(error: OSError | OutputError) -> str:
    return error.describe() if isinstance(error, OutputError) else str(error.strerror or type(error).__name__)
