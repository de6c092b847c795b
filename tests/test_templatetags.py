from decimal import Decimal

from replies.templatetags.archive import grouped


def test_grouped_separates_thousands_and_drops_trailing_zeros():
    assert grouped(Decimal("62300000.00")) == "62,300,000"
    assert grouped(Decimal("1520.50")) == "1,520.5"
    assert grouped(Decimal("8")) == "8"
    assert grouped(None) == ""


def test_grouped_takes_floats_as_written():
    assert grouped(83.4) == "83.4"
