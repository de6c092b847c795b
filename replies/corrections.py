"""Staff corrections to a reply: what a save in admin changes beyond the fields typed in.

A warning the importer left (未找到答复单位, 原文未注明日期 …) closes when staff enter the value
it asks for, or when they mark the record 已核对; either way the warning moves to the record's
review log with who closed it, how and when, and a re-import does not bring it back. When the
text changes, the figures read from it are read again, so that every offset points at its
figure; figures staff entered keep their values and are placed again in the new text.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from replies import metrics
from replies.ingest.load import replace_metrics
from replies.models import Department, Metric, Reply

REVIEWED = "已核对"


@dataclass(frozen=True)
class Rule:
    """A warning the importer writes, and the fields whose correction answers it."""

    pattern: re.Pattern
    fields: tuple[str, ...]


RULES = (
    Rule(re.compile(r"^未找到答复单位"), ("department",)),
    Rule(re.compile(r"^无法确定“.*”所在地区"), ("region", "department")),
    Rule(re.compile(r"^未找到提案标题"), ("proposal",)),
    Rule(re.compile(r"^原文未注明日期"), ("reply_date",)),
    Rule(re.compile(r"^未标注答复类型"), ("reply_type",)),
    Rule(re.compile(r"^文字由OCR识别"), ("text",)),
)


def answered_by(warning: str) -> tuple[str, ...]:
    """The fields whose correction closes `warning` (none: only 已核对 closes it)."""
    for rule in RULES:
        if rule.pattern.search(warning):
            return rule.fields
    return ()


def close_warnings(
    reply: Reply, changed: list[str], *, reviewed: bool, by: str, at: datetime | None = None
) -> list[str]:
    """Close the warnings the changed fields answer (or all of them, when reviewed), logging
    each; returns the warnings closed. The reply is not saved here."""
    at = at or timezone.now()
    still, closed = [], []
    for warning in reply.warnings:
        fields = [name for name in answered_by(warning) if name in changed and holds(reply, name)]
        if fields or reviewed:
            how = f"更正了{verbose(fields[0])}" if fields else REVIEWED
            reply.review_log.append(
                {"warning": warning, "how": how, "by": by, "at": at.isoformat(timespec="seconds")}
            )
            closed.append(warning)
        else:
            still.append(warning)
    if closed:
        reply.warnings = still
        reply.record_manual_edit(["warnings"])
    if "reply_date" in changed and reply.reply_date:
        # The year now comes from the date entered; the note on where it came from is moot.
        reply.year, reply.year_note = reply.reply_date.year, ""
        reply.record_manual_edit(["year", "year_note"])
    return closed


def holds(reply: Reply, name: str) -> bool:
    """Whether the field now holds a value (a cleared field answers nothing)."""
    field = Reply._meta.get_field(name)
    return bool(getattr(reply, field.attname))


def verbose(name: str) -> str:
    return str(Reply._meta.get_field(name).verbose_name)


@transaction.atomic
def rederive_figures(reply: Reply) -> None:
    """After the text changed: the figures read from it are read again; figures staff entered
    stay, placed at their sentence (or their printed value) in the new text."""
    found = tuple(metrics.extract(reply.text, Metric.Source.REPLY))
    replace_metrics(reply, found, source=Metric.Source.REPLY)
    for figure in reply.metrics.filter(source=Metric.Source.REPLY, is_manual=True):
        at = place(reply.text, figure)
        figure.offset = at if at is not None else 0
        figure.context = metrics.sentence_at(reply.text, at) if at is not None else figure.context
        figure.save(update_fields=["offset", "context"])


def place(text: str, figure: Metric) -> int | None:
    """Where a hand-entered figure sits in the text: its sentence, else its value as printed,
    nearest to where it was."""
    if figure.context and (start := text.find(figure.context)) != -1:
        inside = text.find(printed(figure.value), start, start + len(figure.context))
        return inside if inside != -1 else start
    value = printed(figure.value)
    spots = [m.start() for m in re.finditer(re.escape(value), text)]
    return min(spots, key=lambda spot: abs(spot - figure.offset)) if spots else None


def printed(value) -> str:
    return f"{value.normalize():f}"


def move_department(department: Department) -> int:
    """A department placed in another region takes its replies with it (a reply's region is
    its department's); returns how many moved. Search is re-indexed by the caller, through
    Reply.objects.touched_by(department)."""
    return (
        Reply.objects.filter(department=department)
        .exclude(region=department.region)
        .update(region=department.region)
    )
