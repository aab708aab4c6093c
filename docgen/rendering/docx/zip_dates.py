"""A zip package (a Word file) dated by its document, not by the clock: zipfile stamps every entry with the time it
was written, so two renders of the same case would differ in those bytes alone."""

from __future__ import annotations

import datetime as dt
import struct

_LOCAL = b"PK\x03\x04"
_CENTRAL = b"PK\x01\x02"
_END = b"PK\x05\x06"


def dated(package: bytes, day: dt.date) -> bytes:
    """The package with every entry's modification time set to midnight of `day`, in its local and central
    headers; nothing else changes (an entry's checksum covers its data only). A zip without an end record, or
    with a comment, multiple disks or ZIP64 records, which zipfile does not write for a Word file, is returned
    as it is.

    >>> import io, zipfile
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as package:
    ...     package.writestr("a.xml", "<a/>")
    >>> zipfile.ZipFile(io.BytesIO(dated(buffer.getvalue(), dt.date(2026, 5, 3)))).getinfo("a.xml").date_time
    (2026, 5, 3, 0, 0, 0)
    """
    end = len(package) - 22
    if end < 0 or package[end : end + 4] != _END:
        return package
    count, _, start = struct.unpack_from("<HII", package, end + 10)
    stamp = struct.pack("<HH", 0, max(day.year - 1980, 0) << 9 | day.month << 5 | day.day)
    out = bytearray(package)
    at = start
    for _ in range(count):
        if package[at : at + 4] != _CENTRAL:
            return package
        local = struct.unpack_from("<I", package, at + 42)[0]
        if package[local : local + 4] != _LOCAL:
            return package
        out[at + 12 : at + 16] = stamp
        out[local + 10 : local + 14] = stamp
        names, extra, comment = struct.unpack_from("<HHH", package, at + 28)
        at += 46 + names + extra + comment
    return bytes(out)
