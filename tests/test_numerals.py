import pytest

from replies.numerals import chinese_int, digit_string


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十", 10),
        ("十一", 11),
        ("二十八", 28),
        ("三十一", 31),
        ("一百零五", 105),
        ("九", 9),
        ("12", 12),
        ("两千", 2000),
        ("一万二千", 12000),
        ("十万", 100_000),
        ("一亿二千万", 120_000_000),
        ("三万亿", 3 * 10**12),
        ("一千零五万", 10_050_000),
        ("壹佰万", 1_000_000),
        ("贰仟伍佰", 2500),
        ("叁拾柒", 37),
        ("", None),
        ("十x", None),
    ],
)
def test_chinese_int(text, value):
    assert chinese_int(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("二〇二三", 2023),
        ("二0二一", 2021),
        ("二○二四", 2024),
        ("2023", 2023),
        ("二零二五", 2025),
        ("二〇二x", None),
    ],
)
def test_digit_string(text, value):
    assert digit_string(text) == value
