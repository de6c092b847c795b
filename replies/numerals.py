"""Chinese numerals as documents print them: 十一届, 二〇二三年, 二0二一年, 二十八日."""

DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "O": 0,
    "0": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
DIGITS.update({str(d): d for d in range(10)})
CHINESE_DIGITS = "〇零○一二两三四五六七八九"
UNITS = {"十": 10, "百": 100, "千": 1000}


def digit_string(text: str) -> int | None:
    """A number written digit by digit (二〇二三, 二0二一, 2023); None if a char is not a digit."""
    try:
        return int("".join(str(DIGITS[ch]) for ch in text))
    except KeyError:
        return None


def chinese_int(text: str) -> int | None:
    """A whole number below 10,000 in Chinese or Arabic numerals (十一, 二十八, 一百零五, 12)."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if not any(ch in UNITS for ch in text):
        return digit_string(text)
    total, current = 0, 0
    for ch in text:
        if ch in UNITS:
            total += (current or 1) * UNITS[ch]
            current = 0
        elif ch in DIGITS:
            current = DIGITS[ch]
        else:
            return None
    return total + current
