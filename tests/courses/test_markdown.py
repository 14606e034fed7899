"""Whatever a trainer types, no script, event handler or dangerous URL reaches a cadre."""

from html.parser import HTMLParser

import pytest

from courses.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown
from courses.models import Lesson

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<img src=x oNeRrOr=alert(1)>",
    "<body onload=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    '<a href="javascript&#58;alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](javascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src=https://evil.example></iframe>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="position:fixed;top:0">overlay</p>',
    '<a href="#" onclick="alert(1)">x</a>',
    "<details open ontoggle=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<base href=//evil.example/>",
    "<link rel=stylesheet href=//evil.example/x.css>",
    "<style>body{display:none}</style>",
    '<input autofocus onfocus="alert(1)">',
    "<!--<img src=x onerror=alert(1)>-->",
    "`<script>alert(1)</script>`",
    '[x](https://ok.example "title" onmouseover=alert(1))',
]


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def elements(html: str):
    parser = _Collector()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_leaves_only_allowed_tags_attributes_and_schemes(payload):
    html = render_markdown(f"Text before.\n\n{payload}\n\nText after.")
    for tag, attrs in elements(html):
        assert tag in ALLOWED_TAGS, html
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ALLOWED_ATTRIBUTES["*"] | {"rel"}
        for name, value in attrs:
            assert name in allowed, html
            if name in {"href", "src"}:
                scheme = (value or "").split(":", 1)[0].lower() if ":" in (value or "") else ""
                assert scheme in {"", "http", "https", "mailto"}, html
    lowered = html.lower()
    for bad in [
        "<script",
        "javascript:",
        "vbscript:",
        "data:",
        "onerror",
        "onload",
        "<svg",
        "<iframe",
        "style=",
        "<style",
    ]:
        assert bad not in lowered, html


def test_ordinary_markdown_survives():
    html = render_markdown(
        "## Why keep it\n\n**Residents** rely on the group. See [the notice](https://gov.example/n)"
        " or [section 2](#part-2).\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert "<h2>Why keep it</h2>" in html
    assert "<strong>Residents</strong>" in html
    assert 'href="https://gov.example/n"' in html
    assert 'rel="noopener noreferrer"' in html
    assert 'href="#part-2"' in html
    assert "<li>one</li>" in html
    assert "<table>" in html


@pytest.mark.django_db
def test_lesson_stores_the_sanitised_html_on_save(units):
    from courses.models import Course

    course = Course.objects.create(title="C", slug="c")
    lesson = Lesson.objects.create(
        course=course, order=1, title="L", body_md="Hi <script>alert(1)</script>"
    )
    assert "<script" not in lesson.body_html
    lesson.body_md = "**Now bold**"
    lesson.save(update_fields=["body_md"])
    lesson.refresh_from_db()
    assert lesson.body_html == "<p><strong>Now bold</strong></p>"
