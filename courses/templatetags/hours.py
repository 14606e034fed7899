"""`{{ value|hours }}`: study hours written the one way (`courses.hours.format_hours`)."""

from django import template

from courses.hours import format_hours

register = template.Library()


@register.filter(name="hours")
def hours(value) -> str:
    return format_hours(value)
