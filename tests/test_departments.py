import pytest

from replies import departments


@pytest.mark.parametrize(
    ("abbreviation", "full"),
    [
        ("工信局", "工业和信息化局"),
        ("经信局", "经济和信息化局"),
        ("科技局", "科学技术局"),
        ("人社局", "人力资源和社会保障局"),
        ("发改委", "发展和改革委员会"),
        ("住建局", "住房和城乡建设局"),
        ("卫健委", "卫生健康委员会"),
        ("卫健局", "卫生健康局"),
        ("教体局", "教育和体育局"),
        ("市场监管局", "市场监督管理局"),
        ("自规局", "自然资源和规划局"),
        ("农业农村局", "农业农村局"),
    ],
)
def test_abbreviations_expand(abbreviation, full):
    assert departments.expand(abbreviation) == full


@pytest.mark.parametrize(
    ("name", "context", "canonical", "sector"),
    [
        ("区工信局", ["台儿庄区"], "枣庄市台儿庄区工业和信息化局", "工业和信息化"),
        ("县经信局", ["德清县", "德清县"], "湖州市德清县经济和信息化局", "经济和信息化"),
        ("市科技局", ["临沂市"], "临沂市科学技术局", "科学技术"),
        ("市教体局", ["曲阜市", "济宁市"], "济宁市曲阜市教育和体育局", "教育和体育"),
        ("区卫健委", [], "区卫健委", "卫生健康"),
    ],
)
def test_identify(name, context, canonical, sector):
    found = departments.identify(name, context)
    assert (found.canonical, found.sector) == (canonical, sector)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("临沂市科学技术局", True),
        ("枣庄市市中区科学技术局文件", True),
        ("区卫健局", True),
        ("区政协提案委员会", True),
        ("办公室", False),
        ("关于区政协十届二次会议", False),
        ("2023年9月8日", False),
    ],
)
def test_looks_like_department(text, expected):
    assert departments.looks_like_department(text) is expected
