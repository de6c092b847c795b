"""Radicals, strokes and compatibility ideographs as the unified ideographs they stand for.

PDF text layers (Chromium's print-to-PDF among them) often map a glyph to a radical code point
rather than the character: ⺠政局 for 民政局, ⽇ for 日 (11% of the characters of such PDFs). The
stored text reads as the document does with them folded, one character for one, so offsets
hold. Radicals and strokes: Unicode 15.0's EquivalentUnifiedIdeograph.txt (Debian's
unicode-data); compatibility ideographs (豈, 﨎): their canonical decomposition (NFC).
"""

import unicodedata
from functools import cache

# Pairs of (radical or stroke, unified ideograph), 348 of them.
EQUIVALENTS = (
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑"
    "⺕𫜹⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王"
    "⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑"
    "⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長"
    "⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼"
    "⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟⼀一⼁丨⼂丶⼃丿⼄乙⼅亅"
    "⼆二⼇亠⼈人⼉儿⼊入⼋八⼌冂⼍冖⼎冫⼏几⼐凵⼑刀⼒力⼓勹⼔匕⼕匚⼖匸⼗十⼘卜⼙卩"
    "⼚厂⼛厶⼜又⼝口⼞囗⼟土⼠士⼡夂⼢夊⼣夕⼤大⼥女⼦子⼧宀⼨寸⼩小⼪尢⼫尸⼬屮⼭山"
    "⼮巛⼯工⼰己⼱巾⼲干⼳幺⼴广⼵廴⼶廾⼷弋⼸弓⼹彐⼺彡⼻彳⼼心⼽戈⼾戶⼿手⽀支⽁攴"
    "⽂文⽃斗⽄斤⽅方⽆无⽇日⽈曰⽉月⽊木⽋欠⽌止⽍歹⽎殳⽏毋⽐比⽑毛⽒氏⽓气⽔水⽕火"
    "⽖爪⽗父⽘爻⽙爿⽚片⽛牙⽜牛⽝犬⽞玄⽟玉⽠瓜⽡瓦⽢甘⽣生⽤用⽥田⽦疋⽧疒⽨癶⽩白"
    "⽪皮⽫皿⽬目⽭矛⽮矢⽯石⽰示⽱禸⽲禾⽳穴⽴立⽵竹⽶米⽷糸⽸缶⽹网⽺羊⽻羽⽼老⽽而"
    "⽾耒⽿耳⾀聿⾁肉⾂臣⾃自⾄至⾅臼⾆舌⾇舛⾈舟⾉艮⾊色⾋艸⾌虍⾍虫⾎血⾏行⾐衣⾑襾"
    "⾒見⾓角⾔言⾕谷⾖豆⾗豕⾘豸⾙貝⾚赤⾛走⾜足⾝身⾞車⾟辛⾠辰⾡辵⾢邑⾣酉⾤釆⾥里"
    "⾦金⾧長⾨門⾩阜⾪隶⾫隹⾬雨⾭靑⾮非⾯面⾰革⾱韋⾲韭⾳音⾴頁⾵風⾶飛⾷食⾸首⾹香"
    "⾺馬⾻骨⾼高⾽髟⾾鬥⾿鬯⿀鬲⿁鬼⿂魚⿃鳥⿄鹵⿅鹿⿆麥⿇麻⿈黃⿉黍⿊黑⿋黹⿌黽⿍鼎"
    "⿎鼓⿏鼠⿐鼻⿑齊⿒齒⿓龍⿔龜⿕龠㇆𠃌㇏乀㇐一㇑丨㇒丿㇓丿㇔丶㇕𠃍㇖乛㇗𠃊㇘𠃎㇙𠄌"
    "㇚亅㇛𡿨㇜𠃋㇝乀㇞𠃑㇟乚㇠乙㇡𠄎"
)
COMPATIBILITY_BLOCKS = (range(0xF900, 0xFB00), range(0x2F800, 0x2FA20))


@cache
def unified_table() -> dict[int, str]:
    """str.translate's table: each radical, stroke and compatibility ideograph to its unified
    ideograph."""
    table = {ord(EQUIVALENTS[i]): EQUIVALENTS[i + 1] for i in range(0, len(EQUIVALENTS), 2)}
    for block in COMPATIBILITY_BLOCKS:
        for code in block:
            unified = unicodedata.normalize("NFC", chr(code))
            if unified != chr(code) and len(unified) == 1:
                table[code] = unified
    return table


# Kangxi radicals that fonts for simplified Chinese draw as a simplified character: Noto CJK SC
# and Source Han SC give ⼾ the glyph of 户, and a PDF printed with them (Chromium) maps 户
# back to ⼾, which Unicode's table makes 戶, the traditional form. In a text in simplified
# script it is the simplified character.
SIMPLIFIED_GLYPHS = {ord("⼾"): "户"}


def script_matters(text: str) -> bool:
    """Whether unifying the text depends on its script (it holds a SIMPLIFIED_GLYPHS radical)."""
    return any(chr(code) in text for code in SIMPLIFIED_GLYPHS)


@cache
def simplified_table() -> dict[int, str]:
    """unified_table, with the radicals simplified-script fonts draw as simplified characters."""
    return unified_table() | SIMPLIFIED_GLYPHS


def unify(text: str, simplified: bool = True) -> str:
    """The text with each radical, stroke and compatibility ideograph as its unified ideograph;
    `simplified`: the text is in simplified script (SIMPLIFIED_GLYPHS apply)."""
    return text.translate(simplified_table() if simplified else unified_table())
