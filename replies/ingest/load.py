"""Load stage: one parsed document into the database, all of it or nothing.

Regions, departments, sessions and proposals are reused, not duplicated. Loading the same
document again changes nothing; with `update` it refreshes what was derived from the document,
except the fields staff corrected by hand (unless `force`).
"""

from collections import Counter
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.db import connection, models, transaction

from replies import search
from replies.ingest.records import ParsedMetric, ParsedReply, Source
from replies.models import Department, Metric, Proposal, Region, Reply, Session

COMMITTEE_LEVEL_TO_REGION_LEVEL = {
    "省": Region.Level.PROVINCE,
    "市": Region.Level.CITY,
    "县": Region.Level.COUNTY,
    "区": Region.Level.COUNTY,
}


# One import's loads at a time, whichever process runs them: two imports of one folder then
# see each other's replies as already there ("unchanged") instead of racing to insert them.
LOAD_LOCK = 0x7265706C  # any constant key; "repl"


class FieldTooLong(ValueError):
    """A value longer than its column holds; the message names the field."""


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def upsert_reply(
    *, parsed: ParsedReply, source: Source, update: bool = False, force: bool = False
) -> tuple[Outcome, Reply]:
    """Store one document's reply with everything it refers to, in one transaction."""
    check_lengths(parsed, source)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOAD_LOCK])
        existing = Reply.objects.select_for_update().filter(source_sha256=source.sha256).first()
        if existing is not None and not update:
            return Outcome.UNCHANGED, existing
        region = resolve_region(parsed.province, parsed.city, parsed.county)
        department, new_alias = resolve_department(parsed, region)
        session = resolve_session(parsed, region)
        proposal, proposal_changed = upsert_proposal(parsed, session)
        values = reply_values(parsed, source) | {
            "proposal": proposal,
            "department": department,
            "region": region,
        }
        if existing is None:
            reply = Reply.objects.create(**values)
            Metric.objects.bulk_create(metric_rows(reply, parsed.metrics))
            outcome = Outcome.CREATED
        else:
            reply = existing
            changed = assign(reply, values, force=force)
            if changed:
                reply.save()
            metrics_changed = replace_metrics(reply, parsed.metrics)
            outcome = Outcome.UPDATED if changed or metrics_changed else Outcome.UNCHANGED
        # What search shows of other replies changes too when their department gains an alias
        # or their shared proposal gains a title or text.
        touched = Reply.objects.touched_by(reply if outcome != Outcome.UNCHANGED else None)
        if new_alias:
            touched |= Reply.objects.touched_by(department)
        if proposal_changed:
            touched |= Reply.objects.touched_by(proposal)
        search.index_replies(touched)
        return outcome, reply


def check_lengths(parsed: ParsedReply, source: Source) -> None:
    """Refuse, naming the field, any value longer than its column (before anything is written)."""
    checks: list[tuple[type[models.Model], dict[str, Any]]] = [
        (Reply, reply_values(parsed, source)),
        (Proposal, proposal_values(parsed) | {"number": parsed.proposal_number or ""}),
        (Department, {"name": parsed.department or "", "aliases": parsed.department_as_written}),
        (Session, {"as_written": parsed.session_as_written or ""}),
        *((Region, {"name": name}) for name in (parsed.province, parsed.city, parsed.county)),
        *((Metric, {"label": m.label, "unit": m.unit}) for m in parsed.metrics),
    ]
    for model, values in checks:
        for name, value in values.items():
            too_long(model._meta.get_field(name), value)


def too_long(field: models.Field, value: Any) -> None:
    items, limit = [value], getattr(field, "max_length", None)
    if isinstance(field, ArrayField):
        items, limit = value or [], field.base_field.max_length
    for item in items:
        if limit and isinstance(item, str) and len(item) > limit:
            raise FieldTooLong(
                f"{field.verbose_name} ({field.name}) is {len(item)} characters, over the "
                f"{limit} its column holds: {item[:40]}…"
            )


def assign(obj: Reply | Proposal, values: dict[str, Any], *, force: bool) -> bool:
    """Set the values on obj, skipping hand-corrected fields unless forced; True if any changed."""
    protected = set() if force else set(obj.manual_fields)
    changed = False
    for name, value in values.items():
        if name not in protected and getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    if force and obj.manual_fields:
        obj.manual_fields = []
        changed = True
    return changed


def resolve_region(province: str | None, city: str | None, county: str | None) -> Region | None:
    """The most specific region named, creating the chain above it where missing."""
    parent = region = None
    levels = (
        (province, Region.Level.PROVINCE),
        (city, Region.Level.CITY),
        (county, Region.Level.COUNTY),
    )
    for name, level in levels:
        if name:
            region, _ = Region.objects.get_or_create(
                parent=parent, name=name, defaults={"level": level}
            )
            parent = region
    return region


def resolve_department(
    parsed: ParsedReply, region: Region | None
) -> tuple[Department | None, bool]:
    """The department, created or found, and whether it learned a new alias."""
    if not parsed.department:
        return None, False
    department, _ = Department.objects.get_or_create(
        name=parsed.department,
        defaults={"sector": parsed.department_sector or "", "region": region},
    )
    new_aliases = [
        alias
        for alias in dict.fromkeys(parsed.department_as_written)
        if alias != department.name and alias not in department.aliases
    ]
    if new_aliases:
        department.aliases = [*department.aliases, *new_aliases]
        department.save(update_fields=["aliases"])
    return department, bool(new_aliases)


def resolve_committee_region(parsed: ParsedReply, region: Region | None) -> Region | None:
    """The region whose 政协/人大 held the session: usually the department's own or above it."""
    name = parsed.committee_region
    if not name:
        return None
    for candidate in region.lineage if region else []:
        if candidate.name == name:
            return candidate
    matches = list(Region.objects.filter(name=name)[:2])
    if len(matches) == 1:
        return matches[0]
    level = COMMITTEE_LEVEL_TO_REGION_LEVEL.get(parsed.committee_level or "", Region.Level.CITY)
    found, _ = Region.objects.get_or_create(parent=None, name=name, defaults={"level": level})
    return found


def resolve_session(parsed: ParsedReply, region: Region | None) -> Session | None:
    if not parsed.body or not (parsed.term or parsed.committee_region):
        return None
    session, _ = Session.objects.get_or_create(
        body=parsed.body,
        region=resolve_committee_region(parsed, region),
        term=parsed.term,
        meeting=parsed.meeting,
        defaults={
            "level": parsed.committee_level or "",
            "as_written": parsed.session_as_written or "",
        },
    )
    return session


def upsert_proposal(parsed: ParsedReply, session: Session | None) -> tuple[Proposal, bool]:
    """Find the proposal several replies may answer; fill in what it lacks, never blank it.
    Returns the proposal and whether an existing one changed."""
    number = parsed.proposal_number or ""
    lookup: dict[str, Any] = {"session": session, "number": number}
    if not (session and number):
        lookup |= {"title": parsed.proposal_title or "", "proposers": list(parsed.proposers)}
    values = proposal_values(parsed)
    proposal = Proposal.objects.filter(**lookup).first()
    if proposal is None:
        return Proposal.objects.create(**(values | lookup)), False
    changed = assign(proposal, {k: v for k, v in values.items() if v}, force=False)
    if changed:
        proposal.save()
    return proposal, changed


def proposal_values(parsed: ParsedReply) -> dict[str, Any]:
    return {
        "kind": Proposal.Kind.SUGGESTION if parsed.body == "人大" else Proposal.Kind.PROPOSAL,
        "title": parsed.proposal_title or "",
        "proposers": list(parsed.proposers),
        "text": parsed.proposal_text,
        "lead_unit": parsed.lead_unit or "",
        "co_handlers": list(parsed.co_handlers),
    }


def percent(value: str | None) -> Decimal | None:
    return Decimal(value.rstrip("%％").strip()) if value else None


def reply_values(parsed: ParsedReply, source: Source) -> dict[str, Any]:
    stats = parsed.suggestions
    return {
        "title": parsed.reply_title or "",
        "doc_number": parsed.doc_number or "",
        "signer": parsed.signer or "",
        "reply_type": parsed.reply_type or "",
        "reply_date": parsed.reply_date,
        "year": parsed.year,
        "year_note": parsed.year_note or "",
        "text": parsed.text,
        "contact_person": parsed.contact_person or "",
        "contact_phone": parsed.contact_phone or "",
        "cc": list(parsed.cc),
        "communication": parsed.communication or "",
        "suggestions_count": stats.suggestions if stats else None,
        "aspects_count": stats.aspects if stats else None,
        "ours_count": stats.ours if stats else None,
        "co_handlers_count": stats.co_handlers if stats else None,
        "adopted_count": stats.adopted if stats else None,
        "adoption_rate": percent(stats.adoption_rate) if stats else None,
        "handling_as_written": stats.as_written if stats else "",
        "source_file": source.file,
        "source_format": source.format,
        "source_url": source.url,
        "source_sha256": source.sha256,
        "source_meta": parsed.source_meta,
        "published_at": parsed.published_at,
        "warnings": list(parsed.warnings),
    }


def metric_rows(reply: Reply, metrics: tuple[ParsedMetric, ...]) -> list[Metric]:
    return [
        Metric(
            reply=reply,
            label=m.label,
            value=Decimal(m.value),
            upper_value=Decimal(m.upper_value) if m.upper_value else None,
            unit=m.unit,
            normalized_value=Decimal(m.normalized_value) if m.normalized_value else None,
            base_unit=m.base_unit,
            kind=m.kind,
            approximate=m.approximate,
            context=m.context,
            offset=m.offset,
            source=m.source,
        )
        for m in metrics
    ]


METRIC_IDENTITY = (
    "label",
    "value",
    "upper_value",
    "unit",
    "normalized_value",
    "base_unit",
    "kind",
    "approximate",
    "context",
    "offset",
    "source",
)


def replace_metrics(
    reply: Reply, metrics: tuple[ParsedMetric, ...], source: str | None = None
) -> bool:
    """Swap the derived figures (of one source, if given) for freshly extracted ones; figures
    staff entered stay."""
    derived = reply.metrics.filter(is_manual=False)
    if source is not None:
        derived = derived.filter(source=source)
    wanted = metric_rows(reply, metrics)
    current = Counter(tuple(getattr(m, f) for f in METRIC_IDENTITY) for m in derived)
    fresh = Counter(tuple(getattr(m, f) for f in METRIC_IDENTITY) for m in wanted)
    if current == fresh:
        return False
    derived.delete()
    Metric.objects.bulk_create(wanted)
    return True
