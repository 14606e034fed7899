"""Benchmark the Markdown renderer on hostile input: how long each kind of run takes at
growing lengths, so linear stays linear.

    .venv/bin/python -m benchmarks.markdown            # up to the lesson bound (100,000)
    .venv/bin/python -m benchmarks.markdown 20000      # a quicker look

Each input is a run of one unit (`[`, `![`, `[x](`, ...) repeated to the length, rendered
through `courses.markdown.render_markdown` (Python-Markdown, then nh3) once; the figure is
seconds per render and what doubling the length did to it (about 2x is linear, 4x quadratic).
A render that hit the time backstop is marked "backstop". Before the fix, 8,000 `[` took
5.7 s and `![` 12.5 s, and 100,000 `[` gave no answer within 300 s.
"""

from __future__ import annotations

import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training.settings")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
django.setup()

from courses import markdown  # noqa: E402

UNITS = {
    "[": "[",
    "![": "![",
    "[[ ]]": None,  # nested: "[" * n + "]" * n
    "[a ": "[a ",
    "[x](": "[x](",
    "[x](()": "[x](()",
    "![](": "![](",
    "[^": "[^",
    "*[": "*[",
    "<a ": "<a ",
    "*a ": "*a ",
    "`": "`",
    "</a ": "</a ",
    "<a x='": "<a x='",
    "<!-- ": "<!-- ",
    "_a ": "_a ",
    "def list": "a\n: ",
    "table": "|a|\n",
    "&#": "&#",
    "```": "```\n",
    "{: ": "{: ",
    "links": "[a](/b) ",
    "ordinary lesson": "## Part\n\nSome **bold** text, a [link](/x), `code`.\n\n- one\n- two\n\n",
}


def text_of(name: str, unit: str | None, length: int) -> str:
    if unit is None:
        return "[" * (length // 2) + "]" * (length // 2)
    return unit * (length // len(unit))


def timed(text: str) -> tuple[float, bool]:
    hit = False
    original = markdown._plain

    def plain(value: str) -> str:
        nonlocal hit
        hit = True
        return original(value)

    markdown._plain = plain
    try:
        start = time.perf_counter()
        markdown.render_markdown(text)
        return time.perf_counter() - start, hit
    finally:
        markdown._plain = original


def main() -> None:
    top = int(sys.argv[1]) if len(sys.argv) > 1 else markdown.MAX_LESSON_MARKDOWN
    lengths = []
    length = 12_500
    while length < top:
        lengths.append(length)
        length *= 2
    lengths.append(top)
    print(f"seconds per render (time backstop {markdown.RENDER_SECONDS} s)")
    print(f"{'input':<18}" + "".join(f"{n:>12,}" for n in lengths) + "   growth")
    for name, unit in UNITS.items():
        cells, times = [], []
        for n in lengths:
            seconds, hit = timed(text_of(name, unit, n))
            times.append(seconds)
            cells.append(f"{seconds:>10.3f}{'*' if hit else ' '} ")
        growth = times[-1] / times[-2] / (lengths[-1] / lengths[-2]) if len(times) > 1 else 1
        print(f"{name:<18}" + "".join(cells) + f"   x{growth:.1f} per x1 length")
    print("* backstop: ran past the time bound and was shown as plain text")


if __name__ == "__main__":
    main()
