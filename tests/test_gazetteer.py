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
