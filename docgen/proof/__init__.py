"""The proof: every rendered document's text read as an administrator proofreads before posting, and what looks
wrong reported as findings (docs/proofreading.md). It reads; it never changes a document."""

from .findings import ProofFinding, Reading
from .proofreader import ProofreadFile, proofread, proofread_files, proofread_folder
from .rulebook import PROOF_RULES

__all__ = [
    "PROOF_RULES",
    "ProofFinding",
    "ProofreadFile",
    "Reading",
    "proofread",
    "proofread_files",
    "proofread_folder",
]
