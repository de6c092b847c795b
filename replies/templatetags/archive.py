"""Template filters of the archive's pages."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def grouped(value) -> str:
    """12,300,000 and 1,520.5: thousands separated, trailing zeros dropped (the zh-hans locale
    does not group digits)."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value)).normalize()
    text = f"{number:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
