"""Bytes a person uploads, as text: UTF-8 first, GB18030 only when the bytes look Chinese.

The one rule for every upload the site reads as text (a case file in `courses.case_files`, a
CSV of people in `people.imports`). It lives in `people`, the lowest layer, so every app may use
it. Strict UTF-8 is tried first, so UTF-8 (with or without BOM) and plain ASCII are never read as
anything else. Bytes that are not UTF-8 are read as GB18030, the superset of GBK and GB2312 that
Chinese Windows, Excel and WPS save, only when they look like Chinese: charset-normalizer says
so, or (for texts too short for it to judge) nearly every character is a common GB2312 one.
UTF-16 and NUL bytes are the caller's to refuse first, each with its own advice.
"""

from __future__ import annotations

import contextlib
import re

from charset_normalizer import from_bytes

UTF8 = "UTF-8"
GB18030 = "GB18030"

GB18030_BOM = b"\x84\x31\x95\x33"
GB_FAMILY = {"gb18030", "gbk", "gb2312", "hz"}  # as charset-normalizer names them
GB2312_SHARE = 0.9  # real Simplified Chinese text: nearly every character is a GB2312 one


class UndecodableText(ValueError):
    """Neither UTF-8 nor Chinese GB18030; `position` is the first byte UTF-8 could not read."""

    def __init__(self, position: int):
        super().__init__(f"unreadable byte at position {position}")
        self.position = position


def decode_text(data: bytes) -> tuple[str, str]:
    """The text, without a byte-order mark, and how it was read (UTF8 or GB18030)."""
    try:
        return data.decode("utf-8-sig"), UTF8
    except UnicodeDecodeError as exc:
        utf8_error = exc
    text = None
    if not data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 BOM says what the rest should be
        with contextlib.suppress(UnicodeDecodeError):
            text = data.decode("gb18030")
    if text is not None and (data.startswith(GB18030_BOM) or _looks_chinese(data, text)):
        return text.removeprefix("\ufeff"), GB18030
    raise UndecodableText(utf8_error.start) from utf8_error


def _looks_chinese(data: bytes, text: str) -> bool:
    best = from_bytes(data).best()
    if best is not None and best.encoding in GB_FAMILY:
        return True
    # Too short for charset-normalizer ("你好" reads as Big5 to it): count the characters in
    # GB2312's region (lead and trail byte A1-FE), where Simplified Chinese text almost wholly
    # lies and where Big5, Shift-JIS or Latin text decoded as GB18030 mostly does not.
    wide = [ch for ch in text if ord(ch) > 0x7F]
    common = 0
    for ch in wide:
        raw = ch.encode("gb18030")
        common += len(raw) == 2 and 0xA1 <= raw[0] <= 0xF7 and 0xA1 <= raw[1] <= 0xFE
    return bool(wide) and common / len(wide) >= GB2312_SHARE


# C0 control characters (NUL and the like) and DEL, but not tab and newline: a textarea never
# sends them on purpose, and PostgreSQL refuses a NUL in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def typed_text(value: str) -> str:
    """Text a person typed into a box, as stored: newlines as "\n", control characters
    removed. Quiz answers and own answers to a case both keep to it; each checks its length."""
    return _CONTROL.sub("", value.replace("\r\n", "\n"))
