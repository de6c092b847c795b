from django.http import QueryDict

from replies import browse


def test_toggling_adds_or_removes_one_value_and_resets_the_page():
    data = QueryDict("q=校车&year=2023&page=3")
    added = browse.toggled(data, "year", "2024")
    assert added.getlist("year") == ["2023", "2024"] and "page" not in added
    removed = browse.toggled(added, "year", "2023")
    assert removed.getlist("year") == ["2024"] and removed["q"] == "校车"
    assert browse.url_for("/search/", browse.toggled(removed, "year", "2024")) == (
        "/search/?q=%E6%A0%A1%E8%BD%A6"
    )


def test_page_links_show_the_ends_and_a_window_with_gaps():
    data = QueryDict("q=a")
    links = browse.page_links("/search/", data, 6, 20)
    labels = [link.label if link else "…" for link in links]
    assert labels == ["1", "…", "4", "5", "6", "7", "8", "…", "20"]
    assert [link.label for link in links if link and link.current] == ["6"]
    assert "page=4" in links[2].url and "q=a" in links[2].url
    assert browse.page_links("/search/", data, 1, 1) == []


def test_counties_group_under_province_and_city():
    rows = [
        {"value": "1", "label": "曲阜市", "city": "济宁市", "province": "山东省", "count": 5},
        {"value": "2", "label": "德清县", "city": "湖州市", "province": "浙江省", "count": 2},
        {"value": "3", "label": "邹城市", "city": "济宁市", "province": "山东省", "count": 3},
        {"value": "4", "label": "潍坊市", "city": "潍坊市", "province": "山东省", "count": 1},
    ]
    rows = [{**row, "selected": row["value"] == "3"} for row in rows]
    groups = browse.county_groups(rows)
    assert [g["province"] for g in groups] == ["山东省", "浙江省"]
    shandong = {c["city"]: [r["label"] for r in c["counties"]] for c in groups[0]["cities"]}
    assert shandong == {"济宁市": ["曲阜市", "邹城市"], "潍坊市": ["潍坊市"]}
    # Each place shows its total and is open only where a county in it is selected.
    assert (groups[0]["count"], groups[0]["selected"], groups[1]["selected"]) == (9, True, False)
    assert [(c["count"], c["selected"]) for c in groups[0]["cities"]] == [(8, True), (1, False)]
