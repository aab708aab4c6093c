"""The gate after rendering: what a document holds, read back from its bytes, before it may be written."""

from .leaks import check_no_leak

__all__ = ["check_no_leak"]
