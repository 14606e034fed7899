"""`{% colon %}` after a label: ": " in English, "：" in Chinese (a full-width colon takes no
space after it). A builtin (settings TEMPLATES), so every template has it without a load."""

from django import template
from django.utils.translation import pgettext

register = template.Library()


@register.simple_tag
def colon() -> str:
    return pgettext("punctuation", ": ")
