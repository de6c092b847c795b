"""The archive's data model: where a reply comes from, what it answers and what it states.

Integrity lives in the database (check and unique constraints), so a bulk load or a raw SQL fix
cannot store a reply type outside A/B/C or the same document twice.
"""

import re
from pathlib import PurePath

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from replies.links import is_web_address
from replies.querysets import MetricQuerySet, ReplyQuerySet
from replies.textnorm import fingerprint

SHA256_HEX = r"^[0-9a-f]{64}$"


def short_list(verbose_name: str) -> ArrayField:
    """A list of short names, such as units or people, kept in the order written."""
    return ArrayField(
        models.CharField(max_length=200), default=list, blank=True, verbose_name=verbose_name
    )


class HandEdited(models.Model):
    """Remembers which fields staff corrected by hand, so a re-import leaves them alone."""

    manual_fields = ArrayField(
        models.CharField(max_length=64),
        default=list,
        blank=True,
        verbose_name="人工修改的字段",
        help_text="在后台改过的字段；重新导入时保留这些字段的人工值。",
    )

    class Meta:
        abstract = True

    def record_manual_edit(self, field_names: list[str]) -> None:
        editable = {f.name for f in self._meta.concrete_fields} - {"manual_fields", "id"}
        for name in field_names:
            if name in editable and name not in self.manual_fields:
                self.manual_fields.append(name)


class Region(models.Model):
    """A province, city or county, linked upwards; `code` is the official 行政区划代码."""

    class Level(models.TextChoices):
        PROVINCE = "province", "省级"
        CITY = "city", "市级"
        COUNTY = "county", "县级"

    name = models.CharField("名称", max_length=64)
    level = models.CharField("层级", max_length=8, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级",
    )
    code = models.CharField("行政区划代码", max_length=12, blank=True)

    class Meta:
        verbose_name = "行政区"
        verbose_name_plural = "行政区"
        ordering = ["code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], nulls_distinct=False, name="region_unique_name_in_parent"
            ),
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="region_unique_code"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("replies:region_detail", args=[self.pk])

    @property
    def lineage(self) -> list["Region"]:
        """From the province down to this region."""
        chain, node = [], self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    @property
    def full_name(self) -> str:
        return "".join(r.name for r in self.lineage)

    def ancestor(self, level: str) -> "Region | None":
        return next((r for r in self.lineage if r.level == level), None)


class Department(models.Model):
    """An answering department: canonical full name with its region prefix, and its aliases."""

    name = models.CharField("规范全称", max_length=128, unique=True)
    aliases = ArrayField(
        models.CharField(max_length=128),
        default=list,
        blank=True,
        verbose_name="别名",
        help_text="文件中的写法，如“区工信局”，用英文逗号分隔。",
    )
    sector = models.CharField("行业", max_length=64, blank=True, db_index=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="departments",
        verbose_name="所在地区",
    )

    class Meta:
        verbose_name = "答复单位"
        verbose_name_plural = "答复单位"
        ordering = ["name"]
        indexes = [GinIndex(fields=["aliases"], name="department_aliases_gin")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("replies:department_detail", args=[self.pk])


class Session(models.Model):
    """A meeting of a 政协 or 人大: whose (body, level, region), which term and meeting."""

    class Body(models.TextChoices):
        CPPCC = "政协", "政协"
        NPC = "人大", "人大"

    class Level(models.TextChoices):
        PROVINCE = "省", "省"
        CITY = "市", "市"
        COUNTY = "县", "县"
        DISTRICT = "区", "区"

    body = models.CharField("机构", max_length=4, choices=Body.choices)
    level = models.CharField("层级", max_length=2, choices=Level.choices, blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name="地区",
    )
    term = models.PositiveSmallIntegerField("届", null=True, blank=True)
    meeting = models.PositiveSmallIntegerField("次会议", null=True, blank=True)
    year = models.PositiveSmallIntegerField("年份", null=True, blank=True)
    as_written = models.CharField("原文写法", max_length=64, blank=True)

    class Meta:
        verbose_name = "会议"
        verbose_name_plural = "会议"
        ordering = ["-year", "body", "term", "meeting"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "region", "term", "meeting"],
                nulls_distinct=False,
                name="session_unique_meeting",
            ),
        ]

    def __str__(self) -> str:
        region = self.region.name if self.region_id else ""
        numbering = self.as_written or f"{self.term or '?'}届{self.meeting or '?'}次会议"
        # "十九届人大三次会议" already names its body.
        body = "" if self.body in numbering else self.body
        return f"{region}{body}{numbering}"


class Proposal(HandEdited):
    """A 提案 (CPPCC) or 建议 (NPC) that one or more departments answered."""

    class Kind(models.TextChoices):
        PROPOSAL = "提案", "提案"
        SUGGESTION = "建议", "建议"

    session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name="会议",
    )
    number = models.CharField("编号", max_length=32, blank=True, help_text="按原文，保留前导零。")
    kind = models.CharField("类别", max_length=4, choices=Kind.choices, default=Kind.PROPOSAL)
    title = models.CharField("标题", max_length=300)
    proposers = ArrayField(
        models.CharField(max_length=100),
        default=list,
        blank=True,
        verbose_name="提出人",
        help_text="按原文顺序，个人或团体。",
    )
    text = models.TextField("提案原文", blank=True)
    lead_unit = models.CharField("主办单位", max_length=128, blank=True)
    co_handlers = short_list("会办/协办单位")

    class Meta:
        verbose_name = "提案/建议"
        verbose_name_plural = "提案/建议"
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "number"],
                condition=~Q(number=""),
                name="proposal_unique_number_in_session",
            ),
        ]

    def __str__(self) -> str:
        number = f"第{self.number}号" if self.number else ""
        return f"{number}{self.kind}《{self.title}》"

    def get_absolute_url(self) -> str:
        return reverse("replies:proposal_detail", args=[self.pk])


class Reply(HandEdited):
    """One department's reply to a proposal, as read off one source document."""

    class ReplyType(models.TextChoices):
        A = "A", "A 类（已解决或采纳）"
        B = "B", "B 类（正在解决或列入计划）"
        C = "C", "C 类（因条件限制留作参考）"
        # A fourth grade some provinces use (Hainan); its meaning is the province's own rule.
        D = "D", "D 类（部分省份的第四等级）"

    class Format(models.TextChoices):
        TXT = "txt", "纯文本"
        HTML = "html", "网页"
        DOCX = "docx", "Word 文档"
        DOC = "doc", "Word 97–2003 文档"
        WPS = "wps", "WPS 文档"
        PDF = "pdf", "PDF"
        IMAGE = "image", "图片（OCR）"
        OFD = "ofd", "OFD 版式文档"
        MANUAL = "manual", "人工录入"

    proposal = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, related_name="replies", verbose_name="提案/建议"
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name="答复单位",
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name="地区",
        help_text="答复单位所在地区；选了答复单位时随之确定。",
    )
    title = models.CharField("答复标题", max_length=300, blank=True)
    doc_number = models.CharField("文号", max_length=64, blank=True, db_index=True)
    signer = models.CharField("签发人", max_length=32, blank=True)
    reply_type = models.CharField(
        "答复类型", max_length=1, choices=ReplyType.choices, blank=True, db_index=True
    )
    reply_date = models.DateField("答复日期", null=True, blank=True)
    year = models.PositiveSmallIntegerField("年份", null=True, blank=True, db_index=True)
    year_note = models.CharField(
        "年份来源", max_length=200, blank=True, help_text="没有答复日期时，年份从何而来。"
    )
    text = models.TextField("答复全文")
    contact_person = models.CharField("联系人", max_length=32, blank=True)
    contact_phone = models.CharField("联系电话", max_length=64, blank=True)
    cc = short_list("抄送")
    communication = models.CharField("沟通方式", max_length=64, blank=True)

    suggestions_count = models.PositiveSmallIntegerField("建议条数", null=True, blank=True)
    aspects_count = models.PositiveSmallIntegerField("方面数", null=True, blank=True)
    ours_count = models.PositiveSmallIntegerField("涉及本单位", null=True, blank=True)
    co_handlers_count = models.PositiveSmallIntegerField("涉及协办单位", null=True, blank=True)
    adopted_count = models.PositiveSmallIntegerField("已采纳落实", null=True, blank=True)
    adoption_rate = models.DecimalField(
        "落实率（%）", max_digits=5, decimal_places=2, null=True, blank=True
    )
    handling_as_written = models.CharField("办理情况原文", max_length=500, blank=True)

    source_file = models.CharField("来源文件", max_length=500, blank=True)
    source_format = models.CharField(
        "文件格式", max_length=8, choices=Format.choices, default=Format.MANUAL
    )
    source_url = models.URLField("来源网址", max_length=1000, blank=True)
    source_sha256 = models.CharField(
        "文本指纹（SHA-256）",
        max_length=64,
        unique=True,
        help_text="规范化文本的 SHA-256；同一文件换了编码或文件名仍是同一答复。",
    )
    source_meta = models.JSONField(
        "来源元数据", default=dict, blank=True, help_text="网页的索引号、发布机构、发布时间等。"
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    imported_at = models.DateTimeField("导入时间", default=timezone.now)
    warnings = models.JSONField(
        "提取警告", default=list, blank=True, help_text="导入时未能确定的内容，待人工核对。"
    )
    review_log = models.JSONField(
        "核对记录",
        default=list,
        blank=True,
        help_text="已关闭的警告：由谁、如何（更正了哪一项，或已核对）、何时。",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ReplyQuerySet.as_manager()

    class Meta:
        verbose_name = "答复"
        verbose_name_plural = "答复"
        ordering = ["-reply_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reply_type__in=["", "A", "B", "C", "D"]),
                name="reply_type_is_a_grade_or_blank",
            ),
            models.CheckConstraint(
                condition=Q(source_sha256__regex=SHA256_HEX), name="reply_source_sha256_is_hex"
            ),
            models.CheckConstraint(
                condition=Q(adoption_rate__isnull=True)
                | Q(adoption_rate__gte=0, adoption_rate__lte=100),
                name="reply_adoption_rate_is_percent",
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1949, year__lte=2100),
                name="reply_year_is_plausible",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "year"], name="reply_region_year"),
            models.Index(fields=["department", "year"], name="reply_department_year"),
        ]

    def __str__(self) -> str:
        return self.title or f"答复 #{self.pk}"

    def save(self, *args, **kwargs) -> None:
        # The region is where the answering department sits; a reply without a known
        # department keeps whatever region the importer could establish.
        if self.department_id:
            self.region_id = self.department.region_id
        if self.reply_date and not self.year:
            self.year = self.reply_date.year
        if not self.source_sha256:
            self.source_sha256 = fingerprint(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("replies:reply_detail", args=[self.pk])

    @property
    def needs_review(self) -> bool:
        return bool(self.warnings)

    @property
    def adoption_rate_label(self) -> str:
        """The rate as the document names it (落实率, 采纳率, 办结率 …); 落实率 if it names none."""
        named = re.search(r"(采纳落实|采纳|落实|办结|解决|满意)率", self.handling_as_written)
        return named.group() if named else "落实率"

    @property
    def handling_role(self) -> str:
        """主办 when the answering department is the proposal's lead unit, else 会办/协办."""
        lead, department = self.proposal.lead_unit, self.department
        if not department:
            return ""
        names = [department.name, *department.aliases]
        if lead and any(lead in name or name in lead for name in names):
            return "主办"
        return "会办/协办"

    @property
    def source_link(self) -> str:
        """The page the document came from, when it is a web address a reader may follow: only
        http(s), never javascript: or data: from a hostile page or a slip in admin."""
        return self.source_url if is_web_address(self.source_url) else ""

    @property
    def source_name(self) -> str:
        """The source file's name without the folders it was imported from (which may be a
        server path, not for the public)."""
        return PurePath(self.source_file).name if self.source_file else ""


class Metric(models.Model):
    """A figure a reply states: the value as printed, and normalised for comparison."""

    class Kind(models.TextChoices):
        MONEY = "money", "金额"
        COUNT = "count", "数量"
        PERCENT = "percent", "百分比"
        PERCENTAGE_POINT = "percentage_point", "百分点"
        AREA = "area", "面积"
        LENGTH = "length", "长度"
        WEIGHT = "weight", "重量"
        ENERGY = "energy", "能量/功率"
        OTHER = "other", "其他"

    class Source(models.TextChoices):
        REPLY = "reply", "答复"
        PROPOSAL = "proposal", "提案原文"

    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, related_name="metrics", verbose_name="答复"
    )
    label = models.CharField("指标", max_length=100, blank=True)
    value = models.DecimalField("数值", max_digits=24, decimal_places=6)
    upper_value = models.DecimalField(
        "上限",
        max_digits=24,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="区间（3-5家）的上限。",
    )
    unit = models.CharField("单位（原文）", max_length=16, blank=True)
    normalized_value = models.DecimalField(
        "换算值", max_digits=30, decimal_places=6, null=True, blank=True
    )
    base_unit = models.CharField("基本单位", max_length=16, blank=True, help_text="金额为“元”。")
    kind = models.CharField("类别", max_length=20, choices=Kind.choices, db_index=True)
    approximate = models.BooleanField("约数", default=False, help_text="余、近、约、以上等。")
    context = models.TextField("所在句子", blank=True)
    offset = models.PositiveIntegerField("位置", default=0, help_text="在原文中的字符位置。")
    source = models.CharField("出处", max_length=10, choices=Source.choices, default=Source.REPLY)
    is_manual = models.BooleanField(
        "人工录入", default=False, help_text="后台录入或修改过；重新导入时保留。"
    )

    objects = MetricQuerySet.as_manager()

    class Meta:
        verbose_name = "数据指标"
        verbose_name_plural = "数据指标"
        ordering = ["reply", "source", "offset"]
        indexes = [models.Index(fields=["kind", "normalized_value"], name="metric_kind_value")]

    def __str__(self) -> str:
        return f"{self.label or self.get_kind_display()} {self.value.normalize():f}{self.unit}"

    @property
    def converts(self) -> bool:
        """Whether the normalised value says more than the printed one (1.2万元 → 12,000 元;
        3 条 → 3 条 says nothing)."""
        return self.normalized_value is not None and (
            self.normalized_value != self.value or self.base_unit != self.unit
        )

    @property
    def from_proposal(self) -> bool:
        return self.source == self.Source.PROPOSAL


class SearchEntry(models.Model):
    """A reply as the search engine sees it: see replies/search.py, the only module that writes
    or reads these columns. Facet columns are copied here so facet counts scan a narrow table."""

    reply = models.OneToOneField(
        Reply, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    region = models.ForeignKey(Region, on_delete=models.SET_NULL, null=True, related_name="+")
    department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sector = models.CharField(max_length=64, blank=True)
    year = models.PositiveSmallIntegerField(null=True)
    reply_type = models.CharField(max_length=1, blank=True)
    body = models.CharField(max_length=4, blank=True)  # 政协 or 人大 (search.body_of)
    reply_date = models.DateField(null=True)
    # The combination of the facet values above: the id of its row in the summary table
    # replies_searchfacets, set by a database trigger (migration 0007).
    facet_key = models.IntegerField(null=True, editable=False)
    grams = SearchVectorField()
    words = SearchVectorField()
    title_norm = models.TextField()
    numbers = models.CharField(max_length=200)
    version = models.PositiveSmallIntegerField()
    content_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = "检索索引"
        verbose_name_plural = "检索索引"
        indexes = [
            GinIndex(fields=["grams"], name="search_grams_gin"),
            models.Index(fields=["region"], name="search_region"),
            models.Index(fields=["department"], name="search_department"),
            models.Index(fields=["sector"], name="search_sector"),
            models.Index(fields=["year"], name="search_year"),
            models.Index(fields=["reply_type"], name="search_type"),
            # Newest first, with each entry's facet key: a walk in date order skips the
            # entries outside a facet selection without visiting the table.
            models.Index(
                models.F("reply_date").desc(nulls_last=True),
                models.F("reply").desc(),
                name="search_newest_keys",
                include=["facet_key"],
            ),
            models.Index(fields=["version"], name="search_version"),  # the oldest, at once
        ]

    def __str__(self) -> str:
        return f"检索索引 #{self.reply_id}"


class SearchText(models.Model):
    """A reply's normalised text, for exact checks (quoted text, exclusions, codes): kept apart
    from SearchEntry so that the rows every search visits stay narrow (migration 0007)."""

    reply = models.OneToOneField(
        Reply, on_delete=models.CASCADE, primary_key=True, related_name="search_text"
    )
    text_norm = models.TextField()

    class Meta:
        verbose_name = "检索文本"
        verbose_name_plural = "检索文本"

    def __str__(self) -> str:
        return f"检索文本 #{self.reply_id}"
