"""Factories for the archive's models; each builds a complete, valid record."""

import datetime as dt
import hashlib

import factory

from replies.models import Department, Metric, Proposal, Region, Reply, Session


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"测试{n}县")
    level = Region.Level.COUNTY


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    region = factory.SubFactory(RegionFactory)
    name = factory.LazyAttributeSequence(lambda o, n: f"{o.region.name}教育局{n}")
    sector = "教育"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    body = Session.Body.CPPCC
    level = Session.Level.COUNTY
    region = factory.SubFactory(RegionFactory)
    term = 10
    meeting = factory.Sequence(lambda n: n + 1)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    session = factory.SubFactory(SessionFactory)
    number = factory.Sequence(lambda n: f"{n:03d}")
    title = factory.Sequence(lambda n: f"关于改进第{n}项工作的建议")
    proposers = factory.LazyFunction(lambda: ["张伟", "李娜"])


class ReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reply

    proposal = factory.SubFactory(ProposalFactory)
    department = factory.SubFactory(DepartmentFactory)
    title = factory.LazyAttribute(lambda o: f"关于第{o.proposal.number}号提案的答复")
    reply_type = Reply.ReplyType.A
    reply_date = dt.date(2024, 6, 1)
    text = factory.Sequence(
        lambda n: f"张伟、李娜委员：\n您们提出的提案收悉，现答复如下：第{n}件。"
    )
    source_file = factory.Sequence(lambda n: f"replies/{n}.txt")
    source_format = Reply.Format.TXT
    source_sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.text.encode()).hexdigest())


class MetricFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Metric

    reply = factory.SubFactory(ReplyFactory)
    label = "获批资金"
    value = factory.Faker("pydecimal", left_digits=4, right_digits=2, positive=True)
    unit = "万元"
    kind = Metric.Kind.MONEY
    normalized_value = factory.LazyAttribute(lambda o: o.value * 10000)
    base_unit = "元"
    context = "获批资金共140万元"
