"""`{{ value|hours }}`: study hours written the one way (`courses.hours.format_hours`)."""

from django import template
from django.utils.translation import gettext

from courses.hours import format_hours

register = template.Library()


@register.filter(name="hours")
def hours(value) -> str:
    return format_hours(value)


@register.filter(name="hours_unit")
def hours_unit(value) -> str:
    """The figure with its unit in the reader's language: "0.25 h", "0.25 学时"."""
    return gettext("%(hours)s h") % {"hours": format_hours(value)}
