"""Synthetic replies for benchmarks and demos: sentences of the project's own samples recombined
with varied places, departments, figures, dates and types. Fast enough for 1,000,000 replies:
rows go in by COPY and the search index is built in the same pass."""

import datetime as dt
import hashlib
import multiprocessing
import os
import random
import re
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import jieba
import jieba.analyse
from django.db import connections, transaction

from replies import gazetteer, search
from replies.departments import sector_of
from replies.ingest.pipeline import parse_file
from replies.models import Department, Proposal, Region, Reply, Session

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
UNITS = [
    "工业和信息化局",
    "科学技术局",
    "教育局",
    "农业农村局",
    "人力资源和社会保障局",
    "住房和城乡建设局",
    "卫生健康局",
    "市场监督管理局",
    "交通运输局",
    "文化和旅游局",
    "发展和改革局",
    "财政局",
    "民政局",
    "生态环境局",
    "自然资源和规划局",
    "商务局",
]
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋"
    "蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰海燕云飞鹏辉斌宇浩凯健俊帆亮"
SENTENCE = re.compile(r"[^。！？\n]+[。！？]")
VARIANTS_PER_SENTENCE = 4  # varied figures per sentence; few enough that jieba's cache works
MAIN_TOPIC_SHARE = 0.7
# A real archive answers thousands of subjects, so a subject's words are in few replies. Each
# sample's own words (the ones no other sample uses) stand for its subject: a reply keeps them
# with probability OWN_SUBJECT_SHARE and otherwise gets other nouns in their place, drawn from
# jieba's dictionary with a long tail (a few nouns often, most rarely).
SUBJECT_WORDS = 10
NOUNS = ("n", "nz", "vn", "nt", "nr", "ns", "l")
OWN_SUBJECT_SHARE = 0.1
HAN = re.compile(r"[\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Topic:
    sentences: list[str]
    words: list[str]  # the sample's subject words
    own_words: re.Pattern | None  # any of them, longest first


def noun_pool(rng: random.Random) -> list[str]:
    """Nouns of two to four Han characters from jieba's dictionary, in a seeded order."""
    nouns = []
    with open(jieba.get_dict_file().name, encoding="utf-8") as dictionary:
        for line in dictionary:
            word, frequency, tag = line.split()
            common = 20 <= int(frequency) <= 5000
            if tag in {"n", "nz", "vn"} and 2 <= len(word) <= 4 and common and HAN.fullmatch(word):
                nouns.append(word)
    rng.shuffle(nouns)
    return nouns


def subject_words(sentences_by_sample: list[list[str]]) -> list[list[str]]:
    """Each sample's subject: its TF-IDF keywords (nouns and names) that at most one other
    sample uses (a word of three or more samples is everyday language: 企业, 建议)."""
    texts = ["".join(sentences) for sentences in sentences_by_sample]
    samples_using = Counter(w for text in texts for w in set(jieba.cut(text)))
    subjects = []
    for text in texts:
        keywords = jieba.analyse.extract_tags(text, topK=40, allowPOS=NOUNS)
        subjects.append([w for w in keywords if samples_using[w] <= 2][:SUBJECT_WORDS])
    return subjects


def sentence_pool(rng: random.Random) -> list[Topic]:
    """The sentences of each sample (a topic), each in a few versions with other figures, and
    the sample's subject words."""
    by_sample = []
    for path in sorted(SAMPLES.iterdir()):
        result = parse_file(str(path))
        if result.parsed:
            by_sample.append(
                [s.strip() for s in SENTENCE.findall(result.parsed.text) if len(s) > 12]
            )
    topics = []
    for sentences, words in zip(by_sample, subject_words(by_sample), strict=True):
        variants = [
            re.sub(r"\d+(?:\.\d+)?", lambda m: vary(m.group(), rng), sentence)
            for sentence in sentences
            for _ in range(VARIANTS_PER_SENTENCE)
        ]
        ordered = sorted(words, key=len, reverse=True)
        pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None
        topics.append(Topic(variants, words, pattern))
    return topics


def body_text(rng: random.Random, topics: list[Topic], nouns: list[str]) -> tuple[str, str]:
    """A reply is about one subject: most sentences from one sample, some from another, and
    mostly other nouns in place of each sample's own subject words. Returns the text and the
    subject (its first two subject words, for the proposal's title)."""
    main, other = rng.sample(topics, 2)
    count = rng.randint(25, 45)
    own = min(len(main.sentences), round(count * MAIN_TOPIC_SHARE))
    parts = [
        (main, rng.sample(main.sentences, own)),
        (other, rng.sample(other.sentences, min(len(other.sentences), count - own))),
    ]
    text, subjects = [], []
    for topic, sentences in parts:
        if topic.own_words is None or rng.random() < OWN_SUBJECT_SHARE:
            text += sentences
            subjects.append("".join(topic.words[:2]))
            continue
        # Density falling as 1/sqrt(rank): the commonest noun stands in ~1.4% of subjects.
        instead = {word: nouns[int(len(nouns) * rng.random() ** 2)] for word in topic.words}
        text += [topic.own_words.sub(lambda m, i=instead: i[m.group()], s) for s in sentences]
        subjects.append("".join(instead[w] for w in topic.words[:2]))
    return "".join(text), subjects[0]


def vary(number: str, rng: random.Random) -> str:
    if len(number) == 4 and number.startswith("20"):
        return number  # a year stays a year
    value = float(number) * rng.uniform(0.3, 3)
    return f"{value:.2f}" if "." in number else str(max(1, round(value)))


def places(count: int, rng: random.Random) -> list[gazetteer.Place]:
    codes = sorted(
        code
        for codes in gazetteer.codes_by_name().values()
        for code in codes
        if gazetteer.level_of(code) == "county"
        and code[:2] not in gazetteer.MUNICIPALITIES
        and not gazetteer.is_province_administered(code)
    )
    return [gazetteer.place_for(code) for code in rng.sample(codes, count)]


def region_for(place: gazetteer.Place) -> Region:
    province, _ = Region.objects.get_or_create(
        parent=None,
        name=place.province,
        defaults={"level": "province", "code": place.province_code},
    )
    city, _ = Region.objects.get_or_create(
        parent=province, name=place.city, defaults={"level": "city", "code": place.city_code or ""}
    )
    county, _ = Region.objects.get_or_create(
        parent=city, name=place.county, defaults={"level": "county", "code": place.code}
    )
    city.parent, county.parent = province, city  # the lineage loaded, found or made
    return county


@dataclass(frozen=True)
class Plan:
    """What drafting a batch needs, built once by the parent; workers inherit it when forked."""

    topics: list[Topic]
    nouns: list[str]
    departments: list[Department]  # each with its region (and the region's lineage) loaded
    sessions: dict[tuple[int, int], Session]  # by (county id, year)
    seed: int


class Draft(NamedTuple):
    """One synthetic reply with its proposal and search entry, before it has ids."""

    session: tuple[int, int]
    number: str
    proposal_title: str
    proposers: list[str]
    department: int  # index into Plan.departments
    title: str
    doc_number: str
    reply_type: str
    reply_date: dt.date | None
    year: int
    text: str
    entry: search.Entry | None = None  # set once drafted


PLAN: Plan | None = None  # the plan of the generation under way, for forked workers
WORKER_BATCH = 250  # replies per task given to a worker


def generate(
    total: int,
    *,
    seed: int = 1,
    workers: int | None = None,
    batch: int = 2000,
    progress: Callable[[int], None] = lambda n: None,
) -> int:
    """Add `total` synthetic replies with their proposals and search entries. Workers (one per
    core unless given) draft the replies and their entries; this process writes them. The
    corpus depends on the seed and on how many replies exist already, not on the workers.

    Hot terms and kept phrases are dropped first (their triggers would count every insert):
    refresh them afterwards, as `manage.py generate_corpus` does."""
    global PLAN
    workers = workers or os.cpu_count() or 1
    search.refresh_hot_terms(lexemes=[])
    search.refresh_kept_phrases(phrases=[])
    PLAN = plan(total, seed)
    first = Proposal.objects.count()
    tasks = [
        (n, min(WORKER_BATCH, first + total - n)) for n in range(first, first + total, WORKER_BATCH)
    ]
    made, pending = 0, []
    try:
        for drafts in drafted(tasks, workers, ahead=workers + batch // WORKER_BATCH):
            pending += drafts
            if len(pending) >= batch or made + len(pending) == total:
                with transaction.atomic():
                    write_batch(PLAN, pending)
                made += len(pending)
                progress(len(pending))
                pending = []
    finally:
        PLAN = None
    return made


def plan(total: int, seed: int) -> Plan:
    rng = random.Random(seed)
    topics = sentence_pool(rng)
    nouns = noun_pool(rng)
    counties = [region_for(p) for p in places(min(60, total), rng)]
    departments = []
    for county in counties:
        for unit in rng.sample(UNITS, 8):
            name = f"{county.parent.name}{county.name}{unit}"
            department, _ = Department.objects.get_or_create(
                name=name,
                defaults={
                    "region": county,
                    "sector": sector_of(unit),
                    "aliases": [f"区{unit}" if county.name.endswith("区") else f"县{unit}"],
                },
            )
            department.region = county  # with its lineage, so that drafting never queries
            departments.append(department)
    search.add_words([d.name for d in departments] + [c.name for c in counties])
    search.segmenter()  # loaded before workers fork, not once in each
    sessions = {}
    for county in counties:
        for year in range(2019, 2026):
            sessions[county.pk, year], _ = Session.objects.get_or_create(
                body="政协",
                region=county,
                term=year - 2010,
                meeting=year % 5 + 1,
                defaults={
                    "level": county.name[-1],
                    "year": year,
                    "as_written": f"第{year - 2010}届第{year % 5 + 1}次会议",
                },
            )
    return Plan(topics, nouns, departments, sessions, seed)


def drafted(tasks: list[tuple[int, int]], workers: int, ahead: int) -> Iterator[list[Draft]]:
    """The drafts of each task, in order; workers keep drafting while the writer writes, at
    most `ahead` tasks ahead of it."""
    if workers == 1:
        yield from (draft_batch(*task) for task in tasks)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=detach_database) as pool:
        queue: deque[Future] = deque()
        for task in tasks:
            queue.append(pool.submit(draft_batch, *task))
            if len(queue) > ahead:
                yield queue.popleft().result()
        while queue:
            yield queue.popleft().result()


INHERITED = []  # the parent's database connections, held so that a worker never closes them


def detach_database() -> None:
    """In a forked worker: leave the parent's connection alone (closing it would end the
    parent's session); a query here would open a connection of its own."""
    for wrapper in connections.all(initialized_only=True):
        INHERITED.append(wrapper.connection)
        wrapper.connection = None


def draft_batch(first: int, size: int) -> list[Draft]:
    assert PLAN is not None
    rng = random.Random(f"{PLAN.seed}:{first}")
    return [draft(PLAN, rng, n) for n in range(first, first + size)]


def draft(plan: Plan, rng: random.Random, n: int) -> Draft:
    index = rng.randrange(len(plan.departments))
    department = plan.departments[index]
    county = department.region
    year = rng.randint(2019, 2025)
    session = plan.sessions[county.pk, year]
    body, subject = body_text(rng, plan.topics, plan.nouns)
    proposers = [
        rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2)))
        for _ in range(rng.randint(1, 3))
    ]
    number, proposal_title = f"{n:06d}", f"关于加强{subject}工作的建议"
    date = dt.date(year, rng.randint(5, 10), rng.randint(1, 28)) if rng.random() > 0.08 else None
    salutation = "、".join(proposers) + "委员："
    title = f"关于{county.name}政协{session.as_written}第{number}号提案的答复"
    text = (
        f"{department.name}\n{title}\n{salutation}\n您提出的《{proposal_title}》收悉，"
        f"现答复如下：\n{body}\n{department.name}\n"
        + (f"{date.year}年{date.month}月{date.day}日" if date else "")
    )
    doc_number = f"{county.name[:1]}{department.sector[:2]}函〔{year}〕{rng.randint(1, 200)}号"
    reply_type = rng.choice(["A", "A", "B", "B", "C", ""])
    drafted = Draft(
        (county.pk, year),
        number,
        proposal_title,
        proposers,
        index,
        title,
        doc_number,
        reply_type,
        date,
        year,
        text,
    )
    reply = reply_of(plan, drafted, proposal_of(plan, drafted))
    return drafted._replace(entry=search.entry_for(reply))


def proposal_of(plan: Plan, d: Draft) -> Proposal:
    return Proposal(
        session=plan.sessions[d.session],
        number=d.number,
        title=d.proposal_title,
        proposers=d.proposers,
    )


def reply_of(plan: Plan, d: Draft, proposal: Proposal) -> Reply:
    department = plan.departments[d.department]
    return Reply(
        proposal=proposal,
        department=department,
        region=department.region,
        title=d.title,
        doc_number=d.doc_number,
        reply_type=d.reply_type,
        reply_date=d.reply_date,
        year=d.year,
        text=d.text,
        source_file=f"synthetic/{d.number}.txt",
        source_format="txt",
        source_sha256=hashlib.sha256(d.text.encode()).hexdigest(),
    )


def write_batch(plan: Plan, drafts: list[Draft]) -> None:
    proposals = Proposal.objects.bulk_create(proposal_of(plan, d) for d in drafts)
    created = Reply.objects.bulk_create(
        reply_of(plan, d, proposal) for proposal, d in zip(proposals, drafts, strict=True)
    )
    search.copy_entries(created, [d.entry for d in drafts])
