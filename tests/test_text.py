"""The text primitives shared by the anonymisation pass and the leak gate (docgen.text): their examples hold."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("name", ["dates", "folding", "labels", "patterns", "shapes", "spellings"])
def test_the_examples_in_the_docstrings_hold(name: str) -> None:
    module = importlib.import_module(f"docgen.text.{name}")
    result = doctest.testmod(module)
    assert result.attempted and not result.failed, module.__name__
