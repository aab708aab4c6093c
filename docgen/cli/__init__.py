"""The command line: the commands (`commands`), their `--json` output (`json_output`) and `docgen doctor`."""

from .commands import main

__all__ = ["main"]
