"""Chinese numerals as documents print them: 十一届, 二〇二三年, 二0二一年, 二十八日, 一万二千,
一亿二千万, and the capital forms of accounts and cheques (壹佰万, 贰仟伍佰)."""

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
# Capital digits (大写数字), written to prevent alteration; 貳/參/陸 are their traditional forms.
CAPITAL_DIGITS = {
    **{"壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5},
    **{"陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9},
}
DIGITS.update(CAPITAL_DIGITS)
CHINESE_DIGITS = "〇零○一二两三四五六七八九"
UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
# Section units: 万 and 亿 multiply everything before them in their section (一亿二千万).
MYRIADS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}


def digit_string(text: str) -> int | None:
    """A number written digit by digit (二〇二三, 二0二一, 2023); None if a char is not a digit."""
    try:
        return int("".join(str(DIGITS[ch]) for ch in text))
    except KeyError:
        return None


def chinese_int(text: str) -> int | None:
    """A whole number in Chinese or Arabic numerals (十一, 二十八, 一百零五, 12, 一万二千,
    一亿二千万, 三万亿, 壹佰万); None when the text is not one."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if not any(ch in UNITS or ch in MYRIADS for ch in text):
        return digit_string(text)
    total = section = current = 0
    for ch in text:
        if ch in DIGITS:
            current = DIGITS[ch]
        elif ch in UNITS:
            section += (current or 1) * UNITS[ch]
            current = 0
        elif ch in MYRIADS and MYRIADS[ch] == 10**8:  # 亿 multiplies everything before it
            total = ((total + section + current) or 1) * MYRIADS[ch]
            section = current = 0
        elif ch in MYRIADS:  # 万 multiplies its own section (一亿二千万)
            total += ((section + current) or 1) * MYRIADS[ch]
            section = current = 0
        else:
            return None
    return total + section + current
