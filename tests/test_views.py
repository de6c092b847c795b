import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from replies.models import Region, Reply
from tests.factories import MetricFactory, ReplyFactory

pytestmark = pytest.mark.django_db


def test_home_shows_counts_and_the_newest_replies(client, samples, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):  # one per panel, whatever the archive's size
        response = client.get(reverse("replies:home"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "共收录答复 <strong>12</strong> 件" in page
    newest = Reply.objects.newest_first().first()
    assert newest.get_absolute_url() in page
    assert ">人大</a>：4 件" in page and ">政协</a>：8 件" in page  # each a link into browsing
    assert "/search/?body=%E4%BA%BA%E5%A4%A7" in page


def test_home_says_how_to_fill_an_empty_archive(client):
    page = client.get(reverse("replies:home")).content.decode()
    assert "还没有答复" in page


def test_reply_page_shows_metadata_figures_and_paragraphs(
    client, samples, django_assert_max_num_queries
):
    reply = Reply.objects.get(doc_number="曲教体函〔2024〕35号")
    MetricFactory(reply=reply, label="校车运营补助资金", value=320, unit="万元")
    with django_assert_max_num_queries(3):
        response = client.get(reply.get_absolute_url())
    page = response.content.decode()
    for expected in [
        "曲阜市教育和体育局",
        '>山东省</a><a href="/regions/',
        ">曲阜市</a>",
        "签发人",
        "孔繁星",
        "2024年6月20日",
        "孔德明、颜丽",
        "市公安局、市交通运输局",
        "校车运营补助资金",
        "<p>二、加大经费保障力度。",
    ]:
        assert expected in page


def test_reply_text_is_escaped_not_rendered_as_markup(client, samples):
    reply = Reply.objects.first()
    Reply.objects.filter(pk=reply.pk).update(text="<script>alert(1)</script>")
    page = client.get(reply.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_unknown_reply_is_a_chinese_404(client):
    response = client.get(reverse("replies:reply_detail", args=[999999]))
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_healthz_reports_the_database(client):
    response = client.get(reverse("replies:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db(transaction=True)
def test_healthz_names_the_failed_check_not_where_the_database_is(client):
    from django.db import connection

    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
    try:
        response = client.get(reverse("replies:healthz"))
    finally:
        connection.close()
        connection.settings_dict.update(saved)
    assert response.status_code == 503
    assert response.json() == {"status": "error", "failed": ["database"]}
    assert b"127.0.0.1" not in response.content and b"port" not in response.content.lower()


# --- search and browse page ------------------------------------------------------------------

SEARCH = "/search/"


def result_ids(response) -> list[int]:
    return [hit["reply"].pk for hit in response.context["page"].hits]


def test_search_page_finds_and_highlights(client, samples, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(SEARCH, {"q": "校车"})
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["page"].results.total >= 1
    assert "<mark>校车</mark>" in page
    assert 'value="校车"' in page  # the query stays in the box
    assert "多个词用空格分开" in page  # the one-line syntax hint
    reply = Reply.objects.get(doc_number="曲教体函〔2024〕35号")
    assert f"{reply.get_absolute_url()}?q=%E6%A0%A1%E8%BD%A6" in page  # carries the query on


def test_browse_without_a_query_lists_everything_newest_first(client, samples):
    response = client.get(SEARCH)
    assert response.context["page"].results.total == 12
    dates = [hit["reply"].reply_date for hit in response.context["page"].hits]
    known = [d for d in dates if d]
    assert known == sorted(known, reverse=True)


def test_facet_links_toggle_values_and_keep_the_rest(client, samples):
    first = client.get(SEARCH, {"q": "答复"}).context["page"]
    years = next(f for f in first.facets if f["name"] == "year")["values"]
    assert len(years) >= 2
    one, two = years[0], years[1]
    assert not one["selected"] and "year=" in one["url"] and "q=" in one["url"]

    selected = client.get(one["url"]).context["page"]
    assert selected.results.total == one["count"]
    again = next(f for f in selected.facets if f["name"] == "year")["values"]
    # Disjunctive: the year facet still offers the other years with their own counts.
    two_again = next(v for v in again if v["value"] == two["value"])
    assert two_again["count"] == two["count"] and not two_again["selected"]

    both = client.get(two_again["url"]).context["page"]
    assert both.results.total == one["count"] + two["count"]
    assert sorted(c.label for c in both.chips) == sorted(
        [f"年份：{one['label']}", f"年份：{two['label']}"]
    )
    # A chip removes its own value only.
    chip = next(c for c in both.chips if c.label == f"年份：{one['label']}")
    after = client.get(chip.url).context["page"]
    assert after.results.total == two["count"]
    assert [c.label for c in after.chips] == [f"年份：{two['label']}"]


def test_two_dimensions_are_anded(client, samples):
    page = client.get(SEARCH).context["page"]
    county = next(f for f in page.facets if f["name"] == "county")["values"][0]
    narrowed = client.get(county["url"]).context["page"]
    type_value = next(f for f in narrowed.facets if f["name"] == "reply_type")["values"][0]
    both = client.get(type_value["url"]).context["page"]
    assert both.results.total == type_value["count"] <= county["count"]
    for hit in both.hits:
        assert str(hit["reply"].region_id) == county["value"]
        assert (hit["reply"].reply_type or "none") == type_value["value"]


def test_pagination_keeps_query_and_facets(client, samples):
    first = client.get(SEARCH, {"reply_type": ["A", "B", "C", "none"], "per_page": 5})
    page = first.context["page"]
    assert page.results.total == 12 and page.results.pages == 3
    assert page.next and "reply_type=A" in page.next and "per_page=5" in page.next
    html = first.content.decode()
    assert 'rel="next"' in html and 'aria-current="page">1<' in html
    second = client.get(page.next).context["page"]
    third = client.get(second.next).context["page"]
    seen = [hit["reply"].pk for p in (page, second, third) for hit in p.hits]
    assert len(seen) == len(set(seen)) == 12
    assert third.next is None and third.previous


def test_sort_links_switch_order(client, samples):
    page = client.get(SEARCH, {"q": "答复"}).context["page"]
    oldest = next(s for s in page.sorts if s.label == "最早")
    dates = [h["reply"].reply_date for h in client.get(oldest.url).context["page"].hits]
    known = [d for d in dates if d]
    assert known == sorted(known)


def test_empty_result_suggests_what_to_change(client, samples):
    response = client.get(SEARCH, {"q": '"这句话不在任何答复里"', "year": "2024"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "没有找到答复" in page and "去掉筛选条件" in page and "去掉引号" in page


def test_junk_query_gets_a_notice_not_everything(client, samples):
    response = client.get(SEARCH, {"q": "，。！"})
    assert response.context["page"].results.total == 0
    assert "标点和空格不参与检索" in response.content.decode()


def test_bad_parameter_is_a_400_naming_it(client, samples):
    response = client.get(SEARCH, {"year": "公元", "page": "0"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "year" in page and "page" in page and "检索条件有误" in page


def test_snippets_escape_the_reply_text(client, samples):
    reply = Reply.objects.get(doc_number="曲教体函〔2024〕35号")
    Reply.objects.filter(pk=reply.pk).update(text="校车<script>alert(1)</script>校车")
    from replies import search

    search.index_replies([Reply.objects.with_related().get(pk=reply.pk)])
    page = client.get(SEARCH, {"q": "校车"}).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


# --- reply page ------------------------------------------------------------------------------


def test_reply_page_marks_the_query_terms(client, samples):
    reply = Reply.objects.get(doc_number="曲教体函〔2024〕35号")
    page = client.get(reply.get_absolute_url(), {"q": "校车 安全"}).content.decode()
    assert "<mark>校车</mark>" in page and "<mark>安全</mark>" in page
    assert "已标出检索词" in page
    plain = client.get(reply.get_absolute_url()).content.decode()
    assert "<mark>" not in plain


def test_reply_page_lists_other_replies_to_the_same_proposal(client, samples):
    from tests.factories import DepartmentFactory, ReplyFactory

    reply = Reply.objects.get(doc_number="曲教体函〔2024〕35号")
    other = ReplyFactory(
        proposal=reply.proposal,
        department=DepartmentFactory(name="曲阜市公安局"),
        title="关于校车安全的会办意见",
    )
    page = client.get(reply.get_absolute_url()).content.decode()
    assert "同一提案的其他答复" in page
    assert other.get_absolute_url() in page and "会办/协办" in page
    back = client.get(other.get_absolute_url()).content.decode()
    assert reply.get_absolute_url() in back


def test_reply_page_links_department_region_proposal_and_source(client, samples):
    reply = Reply.objects.with_related().get(doc_number="曲教体函〔2024〕35号")
    page = client.get(reply.get_absolute_url()).content.decode()
    assert reply.department.get_absolute_url() in page
    assert reply.region.get_absolute_url() in page
    assert reply.proposal.get_absolute_url() in page
    assert "qufu-jiaoti-2024-023.txt" in page
    assert reply.reply_type == "A" and "A 类：所提问题已经解决或采纳" in page


def test_stored_text_downloads_as_utf8(client, samples):
    reply = Reply.objects.get(doc_number="曲教体函〔2024〕35号")
    response = client.get(reverse("replies:reply_text", args=[reply.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "qufu-jiaoti-2024-023.txt" in response["Content-Disposition"]
    assert response.content.decode("utf-8") == reply.text


def test_figures_table_has_value_unit_yuan_and_sentence(client, samples):
    reply = Reply.objects.get(doc_number="曲教体函〔2024〕35号")
    MetricFactory(
        reply=reply, label="校车运营补助资金", value=320, unit="万元", context="补助资金320万元"
    )
    page = client.get(reply.get_absolute_url()).content.decode()
    assert "<td>校车运营补助资金</td>" in page
    assert "3,200,000 元" in page
    assert "<summary>原句</summary><span>补助资金320万元</span>" in page


# --- proposal, department and region pages ---------------------------------------------------


def test_proposal_page_lists_its_replies(client, samples, django_assert_max_num_queries):
    reply = Reply.objects.with_related().get(doc_number="曲教体函〔2024〕35号")
    with django_assert_max_num_queries(4):
        response = client.get(reply.proposal.get_absolute_url())
    page = response.content.decode()
    assert reply.proposal.title in page and reply.get_absolute_url() in page


def test_department_page_counts_only_its_own_replies(
    client, samples, django_assert_max_num_queries
):
    reply = Reply.objects.with_related().get(doc_number="曲教体函〔2024〕35号")
    department = reply.department
    with django_assert_max_num_queries(14):
        response = client.get(department.get_absolute_url())
    page = response.context["page"]
    expected = Reply.objects.filter(department=department).count()
    assert page.results.total == expected
    assert all(h["reply"].department_id == department.pk for h in page.hits)
    assert all(f["name"] != "department" for f in page.facets)
    assert sum(v["count"] for f in page.facets if f["name"] == "year" for v in f["values"]) == (
        expected
    )


def test_region_page_includes_everything_below(client, samples, django_assert_max_num_queries):
    reply = Reply.objects.with_related().get(doc_number="曲教体函〔2024〕35号")
    province = reply.region.ancestor("province")
    with django_assert_max_num_queries(15):
        response = client.get(province.get_absolute_url())
    page = response.context["page"]
    expected = Reply.objects.in_region(province).count()
    assert page.results.total == expected >= 1
    counties = next(f for f in page.facets if f["name"] == "county")["values"]
    assert sum(v["count"] for v in counties) == expected
    assert reply.region.name in response.content.decode()
    # Other provinces' counties are not offered.
    assert all(v["province"] == province.name for v in counties)


def test_unknown_pages_are_404(client, db):
    for name in ["reply_detail", "reply_text", "proposal_detail", "department_detail"]:
        assert client.get(reverse(f"replies:{name}", args=[999999])).status_code == 404
    assert client.get(reverse("replies:region_detail", args=[999999])).status_code == 404
    assert client.get("/stats/no-such-chart.csv").status_code == 404


# --- statistics ------------------------------------------------------------------------------


def test_statistics_page_draws_each_chart_with_its_table(
    client, samples, django_assert_max_num_queries
):
    reply = Reply.objects.get(doc_number="曲教体函〔2024〕35号")
    MetricFactory(reply=reply, label="补助资金", value=320, unit="万元")
    with django_assert_max_num_queries(10):
        response = client.get(reverse("replies:stats"))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('role="img"') == 7
    assert "各年份答复数（按答复类型）" in page and "<rect" in page
    assert page.count("<summary>数据表") == 7
    assert reverse("replies:stats_csv", args=["replies-by-year"]) in page


def test_statistics_csv_holds_the_chart_numbers(client, samples):
    response = client.get(reverse("replies:stats_csv", args=["replies-by-year"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "年份,A 类,B 类,C 类,未标注"
    total = sum(int(n) for line in lines[1:] for n in line.split(",")[1:])
    assert total == Reply.objects.exclude(year=None).count()


def test_the_fourth_grade_gets_its_column_once_the_archive_holds_one(client, samples):
    Reply.objects.filter(pk=Reply.objects.exclude(year=None).first().pk).update(reply_type="D")
    response = client.get(reverse("replies:stats_csv", args=["replies-by-year"]))
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "年份,A 类,B 类,C 类,D 类,未标注"
    assert sum(int(line.split(",")[4]) for line in lines[1:]) == 1


def test_server_error_page_is_chinese_and_standalone(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "服务暂时不可用" in response.content.decode()


def test_a_page_past_the_end_says_so_and_links_back(client, samples):
    response = client.get(SEARCH, {"q": "校车", "page": "50"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "没有第 50 页" in page and "回到第 1 页" in page
    assert 'href="/search/?q=%E6%A0%A1%E8%BD%A6"' in page


# --- a reply of millions of characters ------------------------------------------------------

LONG_LINE = "区卫健委推进家庭医生签约服务，企业贷款余额120万元，新建站点3个。"


@pytest.fixture
def long_reply(db):
    from replies.search import index_replies
    from tests.factories import ReplyFactory

    text = "\n".join([LONG_LINE] * (2_000_000 // len(LONG_LINE)))
    reply = ReplyFactory(text=text)
    index_replies(Reply.objects.filter(pk=reply.pk))
    return reply


def test_a_two_million_character_reply_is_read_in_parts(client, long_reply):
    from replies.reading import PART_CHARS

    response = client.get(reverse("replies:reply_detail", args=[long_reply.pk]), {"q": "企业"})
    page = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["paragraphs"]) * len(LONG_LINE) <= PART_CHARS
    assert "第 1 / " in page and 'rel="next" href="?part=2&amp;q=' in page
    assert "<mark>企业</mark>" in page
    last = response.context["part"].count
    tail = client.get(reverse("replies:reply_detail", args=[long_reply.pk]), {"part": last})
    assert tail.context["part"].number == last and 'rel="prev"' in tail.content.decode()


def test_a_two_million_character_reply_is_searched_with_short_snippets(client, long_reply):
    for q in ["企业", "卫健委 站点", '"家庭医生签约"']:
        data = client.get(reverse("replies:api_search"), {"q": q}).json()
        assert data["total"] == 1
        snippets = data["results"][0]["snippets"]
        assert 1 <= len(snippets) <= 3
        assert all(len(s) < 400 and "<mark>" in s for s in snippets)
    assert client.get(SEARCH, {"q": "企业"}).status_code == 200


# --- figures: whose number it is ------------------------------------------------------------


def figure_rows(page: str) -> list[str]:
    table = page[page.index('id="metrics-title"') :]
    return table[: table.index("</table>")].split("<tr")[2:]


def test_a_reply_page_lists_the_replys_figures_and_marks_the_proposers_on_request(client):
    reply = ReplyFactory(text="答复如下：共投入资金1.2万元，建成驿站约3个。")
    MetricFactory(
        reply=reply,
        label="资金",
        value=Decimal("1.2"),
        unit="万元",
        normalized_value=Decimal("12000"),
        base_unit="元",
        approximate=True,
        offset=9,
    )
    MetricFactory(
        reply=reply,
        label="驿站",
        value=3,
        unit="个",
        kind="count",
        normalized_value=3,
        base_unit="个",
        offset=20,
    )
    MetricFactory(
        reply=reply, label="骑手", value=5, unit="万人", kind="count", source="proposal", offset=4
    )
    page = client.get(reply.get_absolute_url()).content.decode()
    rows = figure_rows(page)
    assert len(rows) == 2 and all('<td class="source-cell">答复</td>' in row for row in rows)
    assert "约 12,000 元" in rows[0]  # the conversion keeps 约
    assert '<td class="num"></td>' in rows[1]  # 3 个 → 3 个 says nothing
    assert "同时列出提案原文中提出人所述的 1 条" in page
    everything = client.get(reply.get_absolute_url(), {"figures": "all"}).content.decode()
    rows = figure_rows(everything)
    assert len(rows) == 3 and "提案（提出人所述）" in rows[2] and 'class="from-proposal"' in rows[2]


def test_a_long_figures_table_follows_the_text_and_a_label_that_names_nothing_says_so(client):
    reply = ReplyFactory(text="答复如下：各项数据见下。")
    for n in range(11):
        MetricFactory(reply=reply, label="" if n == 0 else f"指标{n}", offset=n)
    page = client.get(reply.get_absolute_url()).content.decode()
    assert page.index('id="text-title"') < page.index('id="metrics-title"')
    assert "本答复提到 11 条数据" in page and "未识别" in page
    few = ReplyFactory(text="答复如下。")
    MetricFactory(reply=few)
    page = client.get(few.get_absolute_url()).content.decode()
    assert page.index('id="metrics-title"') < page.index('id="text-title"')


def test_the_rate_is_named_as_the_document_names_it(client):
    reply = ReplyFactory(
        handling_as_written="提案中提出建议3条，已采纳落实2条，落实率66.7%。",
        suggestions_count=3,
        adopted_count=2,
        adoption_rate=Decimal("66.7"),
    )
    page = client.get(reply.get_absolute_url()).content.decode()
    assert "<dt>落实率</dt>" in page and "采纳率" not in page


def test_charts_count_what_adds_up_and_say_what_each_bar_rests_on(client):
    from replies import search, statistics
    from tests.factories import DepartmentFactory

    east = Region.objects.create(name="枣庄市", level="city")
    west = Region.objects.create(name="济南市", level="city")
    twins = [Region.objects.create(name="市中区", level="county", parent=p) for p in (east, west)]
    replies = [
        ReplyFactory(department=DepartmentFactory(region=region), reply_date=dt.date(2024, 5, 1))
        for region in twins
    ]
    money = {"kind": "money", "unit": "万元", "base_unit": "元"}
    for label, value, reply in [
        ("投入资金", 100, replies[0]),
        ("投入资金", 100, replies[0]),  # the same sum said twice: once
        ("贷款余额", 5000, replies[0]),  # a balance: never added to flows
        ("补助资金", 50, replies[1]),
    ]:
        MetricFactory(reply=reply, label=label, value=value, normalized_value=value * 1e4, **money)
    MetricFactory(
        reply=replies[1],
        label="投入资金",
        value=900,
        normalized_value=9_000_000,
        source="proposal",
        **money,
    )  # the proposer's claim
    chart = statistics.money_by("county")
    assert chart.rows == [["市中区（枣庄市）", 100.0, 1, 1], ["市中区（济南市）", 50.0, 1, 1]]
    search.index_replies(Reply.objects.all())
    listed = client.get(chart.links[0])
    assert [hit["id"] for hit in listed.context["page"].results.hits] == [replies[0].pk]
    by_region = statistics.replies_by("county")
    assert {row[0] for row in by_region.rows} >= {"市中区（枣庄市）", "市中区（济南市）"}


def test_the_adoption_chart_sums_counts_and_does_not_draw_a_thin_year(client):
    from replies import statistics

    for adopted, made in [(1, 2), (3, 3), (0, 1), (2, 2), (4, 4)]:
        ReplyFactory(reply_date=dt.date(2024, 1, 1), adopted_count=adopted, suggestions_count=made)
    ReplyFactory(reply_date=dt.date(2023, 1, 1), adopted_count=1, suggestions_count=1)
    chart = statistics.adoption_by_year()
    assert chart.rows == [["2023", 100.0, 1, 1, 1], ["2024", 83.3, 5, 10, 12]]
    assert [row[0] for row, _ in chart.shown] == ["2024"]


# --- the search page: every filter shows, common tasks first ---------------------------------


def test_figure_filters_get_chips_survive_a_new_query_and_clear(client, samples):
    page = client.get(SEARCH, {"q": "资金", "money_min": "1000000", "metric_label": "补助"})
    html = page.content.decode()
    chips = [chip.label for chip in page.context["page"].chips]
    assert chips == ["金额 ≥ 1,000,000 元", "指标含“补助”"]
    assert '<input type="hidden" name="money_min" value="1000000">' in html
    assert '<input type="hidden" name="metric_label" value="补助">' in html
    removed = next(c for c in page.context["page"].chips if c.label.startswith("金额"))
    assert "money_min" not in removed.url and "metric_label=" in removed.url
    assert "money_min" not in page.context["page"].clear_url


def test_without_a_query_the_sort_says_newest(client, samples):
    sorts = client.get(SEARCH).context["page"].sorts
    assert [(s.label, s.current) for s in sorts] == [("最新", True), ("最早", False)]
    sorts = client.get(SEARCH, {"q": "企业"}).context["page"].sorts
    assert (sorts[0].label, sorts[0].current) == ("相关度", True)


def test_facets_come_in_the_order_of_the_common_tasks(client, samples):
    html = client.get(SEARCH).content.decode()
    order = ("year", "reply_type", "body", "county", "department")
    headings = [html.index(f'id="facet-{name}"') for name in order]
    assert headings == sorted(headings)
    assert html.index("跳到结果") < html.index('id="facet-year"')


def test_a_proposal_number_matches_with_or_without_leading_zeros(client):
    from replies import search
    from tests.factories import ProposalFactory

    padded = ReplyFactory(proposal=ProposalFactory(number="014"))
    inside = ReplyFactory(text="答复如下：编号001496的项目已完成。")
    search.index_replies(Reply.objects.all())
    for typed in ("第14号", "第014号", "第0014号"):
        hits = search.search(search.SearchParams(q=typed)).hits
        assert [hit["id"] for hit in hits] == [padded.pk], typed
    hits = [hit["id"] for hit in search.search(search.SearchParams(q="014")).hits]
    assert hits[0] == padded.pk and inside.pk in hits  # the whole number first


def test_a_query_of_exclusions_alone_lists_everything_else_and_says_so(client, samples):
    page = client.get(SEARCH, {"q": "-校车"})
    html = page.content.decode()
    assert "检索词只有排除项：显示不含“校车”的全部答复。" in html
    having = client.get(SEARCH, {"q": "校车"}).context["page"].results.total
    assert page.context["page"].results.total == Reply.objects.count() - having > 0


def test_the_home_pages_body_counts_are_the_search_facets(client, samples):
    from replies import search
    from tests.factories import ProposalFactory

    ReplyFactory(proposal=ProposalFactory(session=None, kind="建议"))  # no session: its kind
    search.index_replies(Reply.objects.all())
    counts = {row["body"]: row["n"] for row in Reply.objects.by_body()}
    assert counts == dict(search.search(search.SearchParams()).facets["body"])
    page = client.get("/").content.decode()
    assert f">人大</a>：{counts['人大']} 件" in page
