"""Priority 1's measures counted from the register; example records never count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from crimeplan.ocg.constants import DisruptionGrade, DisruptionKind, GroupStatus
from crimeplan.ocg.models import Disruption, FourPPlan, OrganisedCrimeGroup
from crimeplan.performance.models import Measure
from crimeplan.performance.providers import get_provider

pytestmark = pytest.mark.django_db
LAST = dt.date.today()
FIRST = LAST - dt.timedelta(days=364)
DAY = dt.timedelta(days=1)


def _figures():
    return {
        key: get_provider(key).count(FIRST, LAST).value
        for key in ("ocg.groups", "ocg.disruptions.major", "ocg.groups.planned")
    }


def test_groups_disruptions_and_plans_are_counted_without_examples():
    live = [OrganisedCrimeGroup.objects.create(reference=f"G{i}", name=f"Group {i}") for i in range(4)]
    OrganisedCrimeGroup.objects.create(reference="G9", name="Archived", status=GroupStatus.ARCHIVED)
    example = OrganisedCrimeGroup.objects.create(reference="EX-1", name="Example", is_example=True)
    FourPPlan.objects.create(
        group=live[0], lead_officer="DI A", starts_on=dt.date(2024, 1, 1), review_on=dt.date(2025, 6, 1)
    )
    FourPPlan.objects.create(
        group=live[1],
        lead_officer="DI B",
        starts_on=dt.date(2023, 1, 1),
        review_on=dt.date(2023, 6, 1),
        closed_on=dt.date(2024, 1, 1),
    )
    FourPPlan.objects.create(group=example, lead_officer="x", starts_on=FIRST, review_on=LAST, is_example=True)
    for group, grade, day, is_example in [
        (live[0], DisruptionGrade.MAJOR, FIRST, False),
        (live[1], DisruptionGrade.MAJOR, LAST, False),
        (live[1], DisruptionGrade.MINOR, FIRST + DAY, False),
        (live[2], DisruptionGrade.MAJOR, FIRST - DAY, False),  # before the period
        (example, DisruptionGrade.MAJOR, FIRST + DAY, True),
    ]:
        Disruption.objects.create(
            group=group, grade=grade, occurred_on=day, kind=DisruptionKind.ARREST, summary="s", is_example=is_example
        )
    # 4 live groups (archived and example left out); 2 major in the period; 1 of 4 with a current plan = 25 %
    assert _figures() == {"ocg.groups": 4.0, "ocg.disruptions.major": 2.0, "ocg.groups.planned": 25.0}


def test_priority_one_is_measured_from_the_register():
    call_command("loaddata", "lancashire_plan", verbosity=0)
    measures = Measure.objects.filter(priority__number=1)
    assert measures.count() == 6
    assert measures.get(pk=140).provider == "ocg.nrm.referrals"
    for measure in measures:
        assert measure.source == "module"
        measure.full_clean()
        assert measure.provider.startswith("ocg.")


def test_groups_by_band_count_the_latest_score_only():
    from crimeplan.ocg.services.scoring import score_group

    high = {
        "physical": 4,
        "psychological": 4,
        "financial": 4,
        "community": 4,
        "environmental": 4,
        "vulnerability": 4,
        "scope": 4,
        "likelihood": 4,
        "position": 4,
    }
    low = {**high, "scope": 1, "likelihood": 1, "position": 1}
    groups = [OrganisedCrimeGroup.objects.create(reference=f"B{i}", name=f"B{i}") for i in range(3)]
    example = OrganisedCrimeGroup.objects.create(reference="EX-B", name="Example", is_example=True)
    score_group(user=None, group=groups[0], inputs=high, confidence="high", on=FIRST)
    score_group(user=None, group=groups[0], inputs=low, confidence="high", on=FIRST + DAY)  # rescored: now D
    score_group(user=None, group=groups[1], inputs=high, confidence="low", on=FIRST)
    score_group(user=None, group=groups[2], inputs=high, confidence="low", on=LAST + DAY)  # after the period
    score_group(user=None, group=example, inputs=high, confidence="low", on=FIRST)
    counts = {b: get_provider(f"ocg.groups.band-{b}").count(FIRST, LAST).value for b in "ad"}
    assert counts == {"a": 1.0, "d": 1.0}


def _release_totals(force: str) -> dict[str, int]:
    """Per quarter, the force's "Total" referrals read straight from the shared Home Office release file."""
    import csv
    import gzip

    from crimeplan.analytics.tests.data import needs_shared

    path = needs_shared() / "modern_slavery" / "nrm_referrals_police_first_responder_2022q2_2023q4.csv.gz"
    totals = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            labels = (row["Exploitation type"], row["Age at exploitation"], row["Gender"], row["Nationality"])
            if row["First responder"] == force and labels == ("Total",) * 4:
                year, quarter = row["source_dataset"].rsplit("_", 2)[-2:]
                totals[f"{year} {quarter.upper()}"] = int(float(row["People"]))
    return totals


@pytest.mark.parametrize(
    ("first", "last", "quarters"),
    [
        (dt.date(2023, 1, 1), dt.date(2023, 12, 31), ["2023 Q1", "2023 Q2", "2023 Q3", "2023 Q4"]),
        (dt.date(2022, 4, 1), dt.date(2022, 9, 30), ["2022 Q2", "2022 Q3"]),
        (dt.date(2022, 5, 1), dt.date(2022, 12, 31), ["2022 Q3", "2022 Q4"]),  # 2022 Q2 is only partly inside
    ],
)
def test_nrm_referrals_equal_the_release_totals(first, last, quarters):
    totals = _release_totals("Lancashire Constabulary")
    provided = get_provider("ocg.nrm.referrals").count(first, last)
    assert provided.is_count and provided.value == float(sum(totals[q] for q in quarters))


def test_nrm_referrals_outside_the_release_are_not_known():
    assert get_provider("ocg.nrm.referrals").count(dt.date(2019, 1, 1), dt.date(2019, 12, 31)).value is None


def test_nrm_records_count_referrals_not_notifications_nor_examples():
    from crimeplan.ocg.services.slavery import record_slavery

    base = {"user": None, "exploitation": ["labour"], "referred_on": FIRST + DAY}
    record_slavery(is_child=True, consent=False, **base)
    record_slavery(is_child=False, consent=True, **base)
    record_slavery(is_child=False, consent=False, **base)  # Duty to Notify: not a referral
    record_slavery(is_child=True, consent=False, is_example=True, **base)
    assert get_provider("ocg.nrm.records").count(FIRST, LAST).value == 2.0
