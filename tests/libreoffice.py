"""Open DOCX files in LibreOffice (a real Word-processing client) and convert them to PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path


def convert_to_pdf(docx_files: list[Path], out_dir: Path) -> dict[Path, Path]:
    """Convert every file in one LibreOffice run; returns each DOCX's PDF (missing if LibreOffice failed)."""
    profile = out_dir / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            *map(str, docx_files),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return {docx: out_dir / f"{docx.stem}.pdf" for docx in docx_files}
