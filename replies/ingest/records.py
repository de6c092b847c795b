"""Typed records passed between the ingest stages (parse → normalise → load).

`ParsedReply` holds what a careful reader takes off one document, under the key names of
`expected.json`; `as_json()` is the `ingest --dry-run --json` contract.
"""

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

# Documents print local times without a zone; they are China Standard Time.
CHINA_TZ = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class HandlingStats:
    """The reply's statement about its own handling: 建议3条 … 已采纳落实3条，落实率100%."""

    suggestions: int | None = None
    aspects: int | None = None
    ours: int | None = None
    co_handlers: int | None = None
    adopted: int | None = None
    adoption_rate: str | None = None  # as printed, e.g. "100%"
    as_written: str = ""


@dataclass(frozen=True)
class ParsedMetric:
    value: str  # as printed, without thousands separators
    unit: str
    kind: str
    normalized_value: str | None = None
    upper_value: str | None = None  # the upper end of a range (3-5家)
    base_unit: str = ""
    approximate: bool = False
    label: str = ""
    context: str = ""
    offset: int = 0
    source: str = "reply"


@dataclass(frozen=True)
class Source:
    file: str
    format: str
    sha256: str
    url: str = ""


@dataclass(frozen=True)
class ParsedReply:
    text: str
    department: str | None = None
    department_as_written: tuple[str, ...] = ()
    department_sector: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    reply_title: str | None = None
    reply_date: dt.date | None = None
    year: int | None = None
    year_note: str | None = None
    published_at: dt.datetime | None = None
    reply_type: str | None = None
    doc_number: str | None = None
    signer: str | None = None
    body: str | None = None
    committee_level: str | None = None
    committee_region: str | None = None
    term: int | None = None
    meeting: int | None = None
    session_as_written: str | None = None
    proposal_number: str | None = None
    proposal_title: str | None = None
    proposers: tuple[str, ...] = ()
    lead_unit: str | None = None
    co_handlers: tuple[str, ...] = ()
    contact_person: str | None = None
    contact_phone: str | None = None
    cc: tuple[str, ...] = ()
    communication: str | None = None
    has_proposal_text: bool = False
    proposal_text: str = ""
    suggestions: HandlingStats | None = None
    metrics: tuple[ParsedMetric, ...] = ()
    source_meta: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> "ParsedReply":
        """Build a record from plain data (JSON or YAML) keyed as in expected.json."""
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        for name in ("department_as_written", "proposers", "co_handlers", "cc", "warnings"):
            if name in values:
                values[name] = tuple(values[name] or ())
        for name in ("reply_date",):
            if isinstance(values.get(name), str):
                values[name] = dt.date.fromisoformat(values[name])
        if isinstance(values.get("published_at"), str):
            published = dt.datetime.fromisoformat(values["published_at"])
            values["published_at"] = published.replace(tzinfo=published.tzinfo or CHINA_TZ)
        if values.get("suggestions"):
            values["suggestions"] = HandlingStats(**values["suggestions"])
        values["metrics"] = tuple(ParsedMetric(**m) for m in values.get("metrics") or ())
        return cls(**values)

    def as_json(self) -> dict[str, Any]:
        """JSON-ready form under expected.json's key names (dates as YYYY-MM-DD)."""
        data = asdict(self)
        data["reply_date"] = self.reply_date.isoformat() if self.reply_date else None
        data["published_at"] = (
            self.published_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
            if self.published_at
            else None
        )
        for name in ("department_as_written", "proposers", "co_handlers", "cc", "warnings"):
            data[name] = list(data[name])
        data["metrics"] = [dict(m) for m in data["metrics"]]
        return data
