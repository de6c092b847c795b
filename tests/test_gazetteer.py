import pytest

from replies import gazetteer


@pytest.mark.parametrize(
    ("name", "context", "expected"),
    [
        ("台儿庄区", [], ("山东省", "枣庄市", "台儿庄区", "370405")),
        ("镇海区", [], ("浙江省", "宁波市", "镇海区", "330211")),
        ("市中区", ["枣庄市"], ("山东省", "枣庄市", "市中区", "370402")),
        ("市中区", ["济南市"], ("山东省", "济南市", "市中区", "370103")),
        ("市中区", ["乐山市", "四川省"], ("四川省", "乐山市", "市中区", "511102")),
        ("临沂市", [], ("山东省", "临沂市", None, "371300")),
        ("朝阳区", ["北京市"], ("北京市", "北京市", "朝阳区", "110105")),
    ],
)
def test_resolve_completes_the_hierarchy(name, context, expected):
    place = gazetteer.resolve(name, context)
    assert (place.province, place.city, place.county, place.code) == expected


def test_ambiguous_names_without_context_are_not_guessed():
    assert gazetteer.resolve("市中区") is None
    assert gazetteer.resolve("市中区", ["山东省"]) is None  # two 市中区 in Shandong
    assert gazetteer.resolve("不存在县") is None


def test_names_in_prefers_the_longest_name():
    assert gazetteer.names_in("枣庄市市中区科学技术局，宁波镇海区") == [
        "枣庄市",
        "市中区",
        "镇海区",
    ]


@pytest.mark.parametrize(
    ("name", "city", "county"),
    [
        ("仙桃市", "仙桃市", None),  # 省直辖县级: a city of its own
        ("济源市", "济源市", None),
        ("和布克赛尔县", "塔城地区", "和布克赛尔蒙古自治县"),  # the nationality dropped
        ("文山州", "文山壮族苗族自治州", None),
        ("阿左旗", "阿拉善盟", "阿拉善左旗"),  # a banner by its first character and side
        ("科左中旗", "通辽市", "科尔沁左翼中旗"),
    ],
)
def test_province_administered_cities_and_short_autonomous_names(name, city, county):
    place = gazetteer.resolve(name)
    assert (place.city, place.county) == (city, county)


def test_names_without_their_level_word_only_where_one_division_has_them():
    assert gazetteer.resolve_written("番禺").county == "番禺区"
    assert gazetteer.resolve_written("朝阳") is None  # 朝阳市, 朝阳区, 朝阳县
    assert gazetteer.place_by_short_name("重庆綦江高新区").province == "重庆市"
    assert gazetteer.place_by_short_name("济源产城融合示范区").city == "济源市"
    assert gazetteer.place_by_short_name("某某开发区") is None
