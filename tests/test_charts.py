from replies import charts
from replies.statistics import Chart


def test_bars_scale_to_the_largest_value_and_carry_their_numbers():
    chart = Chart(
        "replies-by-county", "各地区", "", "件", ["地区", "答复数"], [["甲", 10], ["乙", 5]]
    )
    geometry = charts.geometry(chart)
    first, second = geometry.bars
    assert first.width == 2 * second.width
    assert first.title == "甲：10 件"
    assert any(label.text == "5" for label in geometry.labels)


def test_rates_are_drawn_against_a_hundred_percent():
    chart = Chart("adoption-by-year", "采纳率", "", "%", ["年份", "采纳率"], [["2024", 50.0]])
    (bar,) = charts.geometry(chart).bars
    full = charts.WIDTH - charts.LABEL_WIDTH - 90
    assert abs(bar.width - full / 2) < 1


def test_stacked_columns_stack_each_series_on_the_last():
    chart = Chart("replies-by-year", "各年份", "", "件", ["年份", "A 类", "B 类"], [["2023", 3, 1]])
    geometry = charts.geometry(chart)
    a, b = geometry.bars
    assert a.height == 3 * b.height and abs(b.y + b.height - a.y) < 0.2
    assert [name for _, name in geometry.legend] == ["A 类", "B 类"]
