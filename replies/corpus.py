"""Synthetic replies for benchmarks and demos: sentences of the project's own samples recombined
with varied places, departments, figures, dates and types. Fast enough for 1,000,000 replies:
rows go in by COPY and the search index is built in the same pass."""

import datetime as dt
import hashlib
import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jieba
import jieba.analyse
from django.db import transaction

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
        if gazetteer.level_of(code) == "county" and code[:2] not in gazetteer.MUNICIPALITIES
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
    return county


def generate(
    total: int,
    *,
    seed: int = 1,
    batch: int = 2000,
    progress: Callable[[int], None] = lambda n: None,
) -> int:
    """Add `total` synthetic replies with their proposals and search entries."""
    rng = random.Random(seed)
    pool = sentence_pool(rng)
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
            departments.append(department)
    search.add_words([d.name for d in departments] + [c.name for c in counties])
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
    made = 0
    start_number = Proposal.objects.count()
    while made < total:
        size = min(batch, total - made)
        with transaction.atomic():
            write_batch(rng, pool, nouns, departments, sessions, start_number + made, size)
        made += size
        progress(size)
    return made


def write_batch(rng, pool, nouns, departments, sessions, first: int, size: int) -> None:
    proposals, replies = [], []
    for n in range(first, first + size):
        department = rng.choice(departments)
        county = department.region
        year = rng.randint(2019, 2025)
        body, subject = body_text(rng, pool, nouns)
        proposers = [
            rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2)))
            for _ in range(rng.randint(1, 3))
        ]
        proposals.append(
            Proposal(
                session=sessions[county.pk, year],
                number=f"{n:06d}",
                title=f"关于加强{subject}工作的建议",
                proposers=proposers,
            )
        )
        replies.append((department, county, year, body, proposers))
    created = Proposal.objects.bulk_create(proposals)
    rows = []
    for proposal, (department, county, year, body, proposers) in zip(created, replies, strict=True):
        date = (
            dt.date(year, rng.randint(5, 10), rng.randint(1, 28)) if rng.random() > 0.08 else None
        )
        salutation = "、".join(proposers) + "委员："
        title = f"关于{county.name}政协{proposal.session.as_written}第{proposal.number}号提案的答复"
        text = (
            f"{department.name}\n{title}\n{salutation}\n您提出的《{proposal.title}》收悉，"
            f"现答复如下：\n{body}\n{department.name}\n"
            + (f"{date.year}年{date.month}月{date.day}日" if date else "")
        )
        doc_number = f"{county.name[:1]}{department.sector[:2]}函〔{year}〕{rng.randint(1, 200)}号"
        rows.append(
            Reply(
                proposal=proposal,
                department=department,
                region=county,
                title=title,
                doc_number=doc_number,
                reply_type=rng.choice(["A", "A", "B", "B", "C", ""]),
                reply_date=date,
                year=year,
                text=text,
                source_file=f"synthetic/{proposal.number}.txt",
                source_format="txt",
                source_sha256=hashlib.sha256(text.encode()).hexdigest(),
            )
        )
    created_replies = Reply.objects.bulk_create(rows)
    for reply, proposal in zip(created_replies, created, strict=True):
        reply.proposal = proposal
    search.copy_entries(created_replies)
