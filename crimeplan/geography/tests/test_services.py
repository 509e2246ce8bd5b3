import pytest

from crimeplan.analytics.tests.data import GEOGRAPHY_FILES, needs_shared
from crimeplan.audit.models import AuditEvent
from crimeplan.geography.models import CommunitySafetyPartnership, LocalAuthority, Lsoa, PoliceForceArea, Ward
from crimeplan.geography.services import load_geography

pytestmark = pytest.mark.django_db


def test_loading_fills_the_hierarchy_from_lsoa_to_force(store):
    _, counts = load_geography(GEOGRAPHY_FILES)
    assert counts == {"police force areas": 1, "CSPs": 14, "local authorities": 14, "wards": 285, "LSOAs": 941}
    lsoa = Lsoa.objects.select_related("ward__local_authority__csp__police_force_area").get(code="E01012736")
    assert lsoa.name == "Blackpool 010D"
    assert lsoa.ward.local_authority.csp.name == "Blackpool"
    assert lsoa.ward.local_authority.csp.police_force_area.force_slug == "lancashire"
    assert sum(Lsoa.objects.values_list("population", flat=True)) == 1_515_487
    assert AuditEvent.objects.filter(event="geography_loaded").count() == 1


def test_loading_twice_is_harmless(store):
    load_geography(GEOGRAPHY_FILES)
    load_geography(GEOGRAPHY_FILES)
    assert Lsoa.objects.count() == 941
    assert PoliceForceArea.objects.get().code == "E23000003"


@pytest.mark.slow
def test_national_lookups_load_into_the_database(store):
    shared = needs_shared()
    _, counts = load_geography(
        [
            shared / "lsoa_reference" / "lsoa11_ward19_lad19_lookup_EW.csv.gz",
            shared / "lsoa_reference" / "lad19_csp19_pfa19_lookup_EW.csv",
        ]
    )
    assert counts["LSOAs"] == Lsoa.objects.count() == 34_753
    assert PoliceForceArea.objects.count() == 43
    assert CommunitySafetyPartnership.objects.count() == counts["CSPs"] > 300
    assert LocalAuthority.objects.filter(csp__isnull=True).count() == 0
    assert Ward.objects.count() == counts["wards"]
