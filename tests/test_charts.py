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
    full = charts.WIDTH - charts.LABEL_WIDTH - len("50") * charts.CHAR_WIDTH - 12
    assert abs(bar.width - full / 2) < 1


def test_stacked_columns_stack_each_series_on_the_last():
    chart = Chart(
        "replies-by-year", "各年份", "", "件", ["年份", "A 类", "B 类"], [["2023", 3, 1]], stacked=2
    )
    geometry = charts.geometry(chart)
    a, b = geometry.bars
    assert a.height == 3 * b.height and abs(b.y + b.height - a.y) < 0.2
    assert [name for _, name in geometry.legend] == ["A 类", "B 类"]


def test_every_bar_links_to_its_search_and_the_unit_is_on_the_chart():
    chart = Chart(
        "money-by-county", "资金", "", "万元", ["地区", "资金投入（万元）", "答复数"],
        [["甲县", 1234567.89, 3]], links=["/search/?county=7&money_min=1"],
    )  # fmt: skip
    geometry = charts.geometry(chart)
    (bar,) = geometry.bars
    assert bar.link == "/search/?county=7&money_min=1"
    assert bar.title == "甲县：1,234,567.89 万元（依据 3 件答复）"
    assert geometry.unit.text == "单位：万元"
    value = next(label for label in geometry.labels if label.text == "1,234,567.89")
    assert value.x + len(value.text) * charts.CHAR_WIDTH <= charts.WIDTH  # not clipped


def test_shortened_names_stay_distinct_and_keep_the_part_that_differs():
    names = ["常州市武进区卫生健康局办公室综合科", "常州市新北区卫生健康局办公室综合科", "文旅局"]
    short = charts.distinct_short(names, 14)
    assert len(set(short)) == 3 and short[2] == "文旅局"
    assert all(len(name) <= 17 for name in short)
    # Two names that differ only at the start are kept whole rather than read the same.
    twins = ["常州市武进区教育局", "泰州市武进区教育局"]
    assert charts.distinct_short(twins, 6) == twins
