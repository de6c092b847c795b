"""Labelled fields a page prints around the letter: 发布机构, 文号, 成文日期, 代表姓名 ...

Sites print them in every shape: `label: value` runs on one line, `|`-separated cells, a label
and its value on alternating lines, bulleted lists. `fields` reads them all into (label, value,
line) triples; the parser decides which it trusts for what.
"""

import re
from dataclasses import dataclass

# Labels as sites print them, often letter-spaced (索 引 号, 标  题); the canonical form has no
# spaces. Longer labels first, so 信息来源 wins over 来源.
LABELS = [
    "索引号",
    "发布机构",
    "发文机关",
    "信息来源",
    "文章来源",
    "来源",
    "责任部门",
    "发文字号",
    "文件编号",
    "文号",
    "提案编号",
    "建议编号",
    "新编号",
    "编号",
    "成文日期",
    "成文时间",
    "发布日期",
    "发布时间",
    "生成日期",
    "更新时间",
    "答复时间",
    "答复日期",
    "生效日期",
    "信息名称",
    "文件名称",
    "名称",
    "标题",
    "题目",
    "案由",
    "事由",
    "主题分类",
    "组配分类",
    "公开方式",
    "代表姓名",
    "领衔代表",
    "提案者",
    "提案人",
    "建议人",
    "主办单位",
    "协办单位",
    "会办单位",
    "分办单位",
    "作者",
    "联系单位",
]
BULLET = re.compile(r"^[•·●◆\-–—*]\s*")
LABEL = re.compile(
    r"(?:^|(?<=[\s|\d]))(?P<label>"
    + "|".join(r"\s*".join(map(re.escape, label)) for label in LABELS)
    + r")\s*[:：|]"
)
# Where a value ends when the next label is one this table does not know: a cell border, a
# short run of characters and a colon after a space or a list's separator (公文范围:, 失 效 日
# 期:, 甲;乙;代表团:), or a page's counter, which OCR and run-together pages glue to the value
# before it (来源:住建局点击:).
VALUE_END = re.compile(
    r"\s\||(?:\s+|[;；]\s*)(?:[\u4e00-\u9fff]\s*){2,6}[:：]"
    r"|(?:点击|浏览|阅读|访问)(?:次数|量|数)?\s*[:：]"
)


@dataclass(frozen=True)
class Field:
    label: str  # canonical, without spaces
    value: str  # may be empty: a label printed with nothing after it
    line: int  # index of the line that holds the value


def fields(lines: list[str]) -> list[Field]:
    """Every labelled field in `lines` (stripped lines), in order."""
    found: list[Field] = []
    for index, raw in enumerate(lines):
        line = BULLET.sub("", raw)
        matches = list(LABEL.finditer(line))
        for position, match in enumerate(matches):
            end = matches[position + 1].start() if position + 1 < len(matches) else len(line)
            value = VALUE_END.split(line[match.end() : end], maxsplit=1)[0].strip(" |\t:：")
            label = re.sub(r"\s", "", match.group("label"))
            value_line = index
            if not value and len(matches) == 1 and not line[match.end() :].strip(" |"):
                # The value on the next line, unless that line is itself a label.
                following = BULLET.sub("", lines[index + 1]) if index + 1 < len(lines) else ""
                if following and not LABEL.match(following):
                    value, value_line = following.strip(" |"), index + 1
            found.append(Field(label=label, value=value, line=value_line))
    return found


def first(found: list[Field], *labels: str) -> Field | None:
    """The first field under any of `labels` that has a value."""
    for field in found:
        if field.label in labels and field.value:
            return field
    return None


INDEX_OR_DATE = re.compile(r"^(?:[\w-]+/\d{4}-\d+|20\d{2}-\d{1,2}-\d{1,2})$")


def bullet_values(lines: list[str]) -> list[str]:
    """Unlabelled bullet lines of a metadata list (• 005299208/2020-00131 • 新郑市住房和城乡建设局
    • 2020-09-30); bullets of site navigation, with no index number or date, are not."""
    values = [
        BULLET.sub("", line).strip()
        for line in lines
        if BULLET.match(line) and not LABEL.search(BULLET.sub("", line))
    ]
    return values if any(INDEX_OR_DATE.match(v) for v in values) else []
