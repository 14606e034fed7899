"""How long a lesson takes to read, from its text alone.

The estimate is what study-hour credit rests on (see `records.credit`), so it counts only
what a reader reads: Chinese, Japanese and Korean characters one by one, other words by
whitespace-separated runs of letters or digits. Markdown punctuation, link targets and image
addresses are not reading. The speeds are the site's settings (`READING_CHARS_PER_MINUTE`,
`READING_WORDS_PER_MINUTE`), so an administrator states them and an auditor can read them;
the counts are stored on each lesson and the minutes computed when asked, so changing a speed
needs no migration.
"""

from __future__ import annotations

import math
import re

from django.conf import settings

# CJK Unified Ideographs (with extension A and compatibility), kana and Hangul syllables.
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]")
_WORD = re.compile(
    r"[^\W\d_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]"
    r"[\w'’-]*|\d+(?:[.,]\d+)*"
)
# Link and image targets, HTML tags and code fences are not read.
_NOT_READ = re.compile(r"\]\([^)]*\)|<[^>]{0,500}>|^```.*$", re.MULTILINE)


def text_size(text: str) -> tuple[int, int]:
    """(CJK characters, other words) in `text`."""
    text = _NOT_READ.sub(" ", text or "")
    cjk = len(_CJK.findall(text))
    words = len(_WORD.findall(_CJK.sub(" ", text)))
    return cjk, words


def reading_seconds(cjk_chars: int, latin_words: int) -> int:
    """Seconds to read that much text at the site's stated speeds, rounded up."""
    minutes = cjk_chars / settings.READING_CHARS_PER_MINUTE
    minutes += latin_words / settings.READING_WORDS_PER_MINUTE
    return math.ceil(minutes * 60)


def minimum_seconds(estimated: int) -> int:
    """How long after first opening a lesson it may be marked studied: the share of its
    estimated reading time set by `STUDY_MINIMUM_SHARE`."""
    return math.floor(estimated * settings.STUDY_MINIMUM_SHARE)
