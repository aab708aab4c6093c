"""The proof's rules, by name: each a function of a document's reading that gives its findings, with a line that
says what it finds (for `docgen proof --help` and docs/proofreading.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .findings import ProofFinding, Reading

Check = Callable[[Reading], Iterable[ProofFinding]]


@dataclass(frozen=True)
class ProofRule:
    """A rule of the proof: its name, what it finds, and the check."""

    name: str
    description: str
    check: Check


PROOF_RULES: dict[str, ProofRule] = {}
"""Every rule, in the order they were registered (the order findings are given in)."""


def proof_rule(name: str, description: str) -> Callable[[Check], Check]:
    """Register a check under `name` with its one-line description."""

    def add(check: Check) -> Check:
        if name in PROOF_RULES:
            raise ValueError(f"a proof rule is already named '{name}'")
        PROOF_RULES[name] = ProofRule(name, description, check)
        return check

    return add


def rules_table() -> str:
    """Each rule's name and description, one a line."""
    return "\n".join(f"{rule.name}: {rule.description}" for rule in PROOF_RULES.values())
