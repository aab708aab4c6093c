"""Publishing under faults: a render killed while it publishes, two renders into one folder at once, names taken
in the output folder, and two case files of the watched folder claiming one reference.

A render is killed with SIGKILL at the one moment that can be caught without a hook in docgen: while it waits for
the output folder's lock, which the test holds, with its files already written into its staging folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from docgen import RenderedDocument, UsageError, load_case, render, render_pack
from docgen.api import write_pack
from docgen.files.locking import held, lock_inside
from docgen.publish import outbox as publish
from docgen.publish.owners import hidden_suffix
from docgen.service.batch import run_batch
from docgen.service.watch import FAILED, PROCESSED

from .jobs_helpers import case_text, check_story, log_records, running_watcher, wait_for
from .test_watch import dead_token

MINIMAL = Path(__file__).resolve().parent / "cases" / "minimal.yaml"
LOCK = ".docgen.lock"
STAGING = ".docgen-staging"
"""How a render names its staging folder in the output folder: .docgen-staging-<process token>-<random>."""


def render_command(out: Path, *kinds: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """`python -m docgen render minimal.yaml --doc KIND… --format html --out OUT` in a child process."""
    docs = [part for kind in kinds for part in ("--doc", kind)]
    command = [sys.executable, "-m", "docgen", "render", str(MINIMAL), *docs, "--format", "html", "--out", str(out)]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})}
    )


def finished(process: subprocess.Popen[str]) -> tuple[int, str]:
    """Wait for a child process; its exit code and standard error."""
    _, err = process.communicate(timeout=120)
    return process.returncode, err


def holds_open(pid: int, path: Path) -> bool:
    """True while process `pid` has the file `path` open (a render waiting for the folder's lock has)."""
    with contextlib.suppress(OSError):
        return any(os.readlink(fd) == str(path) for fd in Path(f"/proc/{pid}/fd").iterdir())
    return False


def waits_for_lock(process: subprocess.Popen[str], out: Path) -> None:
    """Wait until a render waits for the output folder's lock; fail if it ends first (it never waited)."""
    wait_for(lambda: holds_open(process.pid, out / LOCK) or process.poll() is not None, "the render to wait")
    assert process.poll() is None, f"the render ended without waiting for the folder's lock: {finished(process)}"


def snapshot(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every entry of a folder: its type, inode and (for a file) content; a render that moved a file changes it."""
    entries = {}
    for path in sorted(folder.iterdir()):
        info = path.lstat()
        content = path.read_bytes() if stat.S_ISREG(info.st_mode) else b""
        entries[path.name] = (stat.S_IFMT(info.st_mode), info.st_ino, content)
    return entries


def visible(folder: Path) -> list[str]:
    """The names in a folder a person sees (not hidden)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_one_pack(out: Path) -> list[str]:
    """The folder holds exactly one pack: the files its manifest lists, each with its sha256; returns their names."""
    listed = json.loads((out / "manifest.json").read_bytes())["documents"]
    assert visible(out) == sorted([d["file"] for d in listed] + ["manifest.json"])
    for document in listed:
        assert sha256(out / document["file"]) == document["sha256"], document["file"]
    return sorted(d["file"] for d in listed)


def stagings(out: Path) -> list[str]:
    return [p.name for p in out.iterdir() if p.name.startswith(STAGING)]


# --- `render`: a pack published whole ---------------------------------------------------------------------------


def test_a_render_killed_while_publishing_leaves_the_old_pack_and_the_next_clears_its_staging(tmp_path: Path) -> None:
    out = tmp_path / "out"
    render_pack(load_case(MINIMAL), out, ["letter-1"], ["html"], workers=1)
    before = snapshot(out)
    with held(lock_inside(out), "the test"):
        killed = render_command(out, "referral-form")
        waits_for_lock(killed, out)
        assert stagings(out), "its files are written, in its staging folder"
        killed.send_signal(signal.SIGKILL)
        finished(killed)
    after = snapshot(out)
    assert {name: entry for name, entry in after.items() if name not in stagings(out)} == before, "the old pack stays"
    assert len(stagings(out)) == 1

    written = render_pack(load_case(MINIMAL), out, ["referral-form"], ["html"], workers=1)
    assert [p.name for p in written] == ["SCR-2026-01_referral-form.html"]
    assert check_one_pack(out) == ["SCR-2026-01_referral-form.html"], "the letter of the old pack is gone"
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [LOCK], "the staging folder is gone"


def test_a_render_killed_while_moving_its_files_is_cleared_by_the_next(tmp_path: Path) -> None:
    """The state a SIGKILL between two renames leaves (made by hand): the old manifest, one file of the dead
    render's pack moved in, the rest and its manifest in its staging folder. The next render leaves its own pack
    only; a file a person put there, and folders that merely look like staging folders, stay."""
    out = tmp_path / "out"
    render_pack(load_case(MINIMAL), out, ["letter-1"], ["html"], workers=1)
    dead = out / f"{STAGING}-{dead_token()}-0123abcd"
    dead.mkdir()
    moved = b"<p>moved in before the kill</p>"
    manifest = {"documents": [{"file": "moved.html", "sha256": hashlib.sha256(moved).hexdigest()}]}
    (dead / "manifest.json").write_text(json.dumps(manifest))
    (out / "moved.html").write_bytes(moved)
    alike = [out / f"{STAGING}-notes", out / f"{STAGING}-2020-backup"]
    for folder in alike:
        folder.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / "SCR-2026-01_letter-1.html").write_text("edited by hand")  # not as docgen wrote it: it stays

    render_pack(load_case(MINIMAL), out, ["referral-form"], ["html"], workers=1)
    assert visible(out) == ["SCR-2026-01_letter-1.html", "SCR-2026-01_referral-form.html", "manifest.json", "notes.txt"]
    assert not dead.exists() and all(folder.is_dir() for folder in alike)


@pytest.mark.slow
def test_two_renders_into_one_folder_take_turns(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with held(lock_inside(out), "the test"):
        renders = [render_command(out, "letter-1"), render_command(out, "referral-form")]
        for process in renders:
            waits_for_lock(process, out)
        assert visible(out) == [], "nothing is published while another holds the folder"
    assert [finished(process)[0] for process in renders] == [0, 0]
    assert check_one_pack(out) in (
        ["SCR-2026-01_letter-1.html", "SCR-2026-01_letter-1_referral-form.html"],
        ["SCR-2026-01_referral-form.html"],
    )
    assert not stagings(out)


@pytest.mark.slow
def test_a_render_that_cannot_wait_longer_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    render_pack(load_case(MINIMAL), out, ["letter-1"], ["html"], workers=1)
    before = snapshot(out)
    with held(lock_inside(out), "the test"):
        code, err = finished(render_command(out, "referral-form", env={"DOCGEN_LOCK_WAIT": "0.5"}))
    assert code == 1 and "Traceback" not in err
    assert err == (
        f"docgen: the folder {out} is in use by another docgen process (waited 0.5 seconds); nothing was changed: "
        "try again when it has finished\n"
    )
    assert snapshot(out) == before


OBSTACLES: dict[str, Callable[[Path], object]] = {
    "a folder": lambda path: path.mkdir(),
    "a symbolic link": lambda path: path.symlink_to(path.with_name("elsewhere.html")),
    "a named pipe": os.mkfifo,
}


@pytest.mark.parametrize("name", ["SCR-2026-01_letter-1_referral-form.html", "manifest.json"])
@pytest.mark.parametrize("obstacle", list(OBSTACLES))
def test_a_name_taken_by_a_folder_link_or_pipe_is_refused_before_anything_moves(
    tmp_path: Path, obstacle: str, name: str
) -> None:
    out = tmp_path / "out"
    render_pack(load_case(MINIMAL), out, ["letter-1"], ["html"], workers=1)
    (out / name).unlink()
    OBSTACLES[obstacle](out / name)
    before = snapshot(out)
    with pytest.raises(UsageError) as error:
        render_pack(load_case(MINIMAL), out, ["letter-1"], ["html"], workers=1)
    assert error.value.describe() == (
        f"{out / name} is {obstacle}, where docgen would write a file of the pack; nothing was written: move it "
        "away, or render into another folder"
    )
    assert error.value.exit_code == 2
    assert snapshot(out) == before, "nothing moved, nothing left behind"


def test_the_command_line_refuses_a_folder_in_the_way_with_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "SCR-2026-01_letter-1.html").mkdir(parents=True)
    code, err = finished(render_command(out, "letter-1"))
    assert (code, err) == (
        2,
        f"docgen: {out}/SCR-2026-01_letter-1.html is a folder, where docgen would write a file of the pack; "
        "nothing was written: move it away, or render into another folder\n",
    )
    assert visible(out) == ["SCR-2026-01_letter-1.html"] and not stagings(out)


def test_two_documents_with_one_name_are_refused_and_a_format_asked_twice_is_rendered_once(tmp_path: Path) -> None:
    case = load_case(MINIMAL)
    letter = render(case, "letter-1", "html")
    other = RenderedDocument("referral-form", "html", letter.filename, b"<p>another</p>", False, False)
    out = tmp_path / "out"
    with pytest.raises(UsageError, match=r"^two files of the pack would have one name, SCR-2026-01_letter-1\.html;"):
        write_pack(case, [letter, other], out)
    assert not out.exists()

    written = render_pack(case, out, ["letter-1"], ["html", "html"], workers=1)
    assert [p.name for p in written] == ["SCR-2026-01_letter-1.html", "SCR-2026-01_letter-1_referral-form.html"]
    assert check_one_pack(out) == [p.name for p in written]


def test_output_folders_are_made_owner_only(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        render_pack(load_case(MINIMAL), tmp_path / "a" / "b" / "out", ["letter-1"], ["html"], workers=1)
    finally:
        os.umask(umask)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "out"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_stale_outbox_folders_are_told_from_folders_that_only_look_alike(tmp_path: Path) -> None:
    stale = [tmp_path / f".tmp-REF-1-{dead_token()}-0123abcd", tmp_path / f".old-REF-1-{dead_token()}-89abcdef"]
    mine = [tmp_path / f".tmp-REF-1-{hidden_suffix()}", tmp_path / ".old-photos-2020-backup", tmp_path / ".tmp-x"]
    for folder in stale + mine:
        folder.mkdir()
    publish.remove_stale_folders(tmp_path)
    assert sorted(tmp_path.iterdir()) == sorted(mine)


# --- the watched folder: one reference, one case file -------------------------------------------------------------


def changed_case(reference: str, summary: str) -> str:
    """The minimal case with another reference and another incident summary (which its referral form prints)."""
    return case_text(reference)[0].replace("Bruising noticed at nursery.", summary)


def test_a_second_case_file_with_the_same_reference_fails_and_the_first_keeps_its_documents(
    tmp_path: Path,
) -> None:
    inbox, outbox = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    with running_watcher(inbox, outbox) as results:
        (inbox / "first.yaml").write_text(changed_case("DUP-1", "A fall at home."))
        wait_for(lambda: len(results) == 1, "the first case")
        before = snapshot(outbox / "DUP-1")
        (inbox / "second.yaml").write_text(changed_case("DUP-1", "A burn at school."))
        wait_for(lambda: len(results) == 2, "the second case")
        assert snapshot(outbox / "DUP-1") == before, "the first case's documents stay"
        (inbox / "first.yaml").write_text(changed_case("DUP-1", "A cut at the park."))
        wait_for(lambda: len(results) == 3, "the first case, edited")
    assert [r.outcome for r in results] == ["rendered", "failed", "rendered"]
    assert snapshot(outbox / "DUP-1") != before, "the same file again replaces its own documents"
    assert "A cut at the park." in (outbox / "DUP-1" / "DUP-1_referral-form.html").read_text()
    folder, first = outbox / "DUP-1", inbox / "first.yaml"
    message = (
        f"{inbox / 'second.yaml'}: the documents in {folder} come from another case file with the same reference, "
        f"{first}; nothing was written: give this case file its own reference or, if it replaces that file, delete "
        "the folder first"
    )
    assert (inbox / FAILED / "second.yaml.error.txt").read_text().startswith(message + "\n\n")
    assert [r.get("error") for r in log_records(outbox)][1] == message
    assert json.loads((folder / "manifest.json").read_bytes())["input"] == str(first)
    assert sorted(p.name for p in (inbox / PROCESSED).iterdir()) == ["first-1.yaml", "first.yaml"]
    check_story(inbox, outbox)


def test_two_case_files_with_one_reference_in_one_batch_never_overwrite_each_other(tmp_path: Path) -> None:
    """Both are rendered at once, in two workers: the one published second is refused at the last moment."""
    cases = tmp_path / "cases"
    cases.mkdir()
    paths = [cases / "a.yaml", cases / "b.yaml"]
    for path, summary in zip(paths, ["A fall at home.", "A burn at school."], strict=True):
        path.write_text(changed_case("DUP-2", summary))
    results = run_batch(paths, tmp_path / "out", workers=2, formats=("html",))
    assert sorted(r.outcome for r in results) == ["failed", "rendered"]
    rendered = next(r for r in results if r.outcome == "rendered")
    failed = next(r for r in results if r.outcome == "failed")
    assert f"come from another case file with the same reference, {rendered.input};" in str(failed.error)
    folder = tmp_path / "out" / "DUP-2"
    assert json.loads((folder / "manifest.json").read_bytes())["input"] == rendered.input
    check_story(None, tmp_path / "out")
