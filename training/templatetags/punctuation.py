"""`{% colon %}` after a label: ": " in English, "：" in Chinese (a full-width colon takes no
space after it); `{% sentence_gap %}` between two sentences translated apart: a space in
English, nothing after a full-width "。". Builtins (settings TEMPLATES), so every template has
them without a load."""

from django import template
from django.utils.translation import get_language, pgettext

register = template.Library()


@register.simple_tag
def colon() -> str:
    return pgettext("punctuation", ": ")


@register.simple_tag
def sentence_gap() -> str:
    # Not a catalogue entry: an empty translation means "untranslated" to gettext. Chinese
    # (and Japanese) full stops carry their own space.
    return "" if get_language().split("-")[0] in ("zh", "ja") else " "
