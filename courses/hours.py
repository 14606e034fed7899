"""How study hours (学时) are written, everywhere: pages, transcripts and exports alike.

Hours are stored with two decimals (the default rule credits 0.25 h); they are written with as
many as they need and no more, so one column never mixes "0", "2.0" and "0.25" styles:
3, 2.5, 0.25, -1.5."""

from decimal import Decimal


def format_hours(value) -> str:
    if value is None:
        return ""
    text = f"{Decimal(value).quantize(Decimal('0.01')):f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in {"-0", ""} else text
