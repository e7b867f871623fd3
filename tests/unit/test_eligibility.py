from backend.domain.eligibility import Availability, ProductRule, check_availability

RESIDENT = ProductRule(
    code="bewoner",
    name="Bewonersvergunning",
    zones=("binnenstad", "voorstad"),
    zone_caps={"binnenstad": 1035},
)


def test_available():
    assert check_availability(RESIDENT, "voorstad", set(), 5000) == Availability(True, None, {})
    assert check_availability(RESIDENT, "binnenstad", {"bezoeker"}, 1034).available


def test_not_in_zone():
    result = check_availability(RESIDENT, "rivierenwijk", set(), 0)
    assert (result.available, result.reason, result.params) == (
        False,
        "not_in_zone",
        {"zone": "rivierenwijk"},
    )
    assert check_availability(RESIDENT, None, set(), 0).reason == "not_in_zone"


def test_already_has_product():
    result = check_availability(RESIDENT, "binnenstad", {"bewoner"}, 0)
    assert (result.available, result.reason) == (False, "already_has_product")
    assert result.params == {"product": "bewoner"}


def test_more_than_one_allowed():
    visitor = ProductRule("bezoeker", "Bezoekersvergunning", ("binnenstad",), max_per_citizen=2)
    assert check_availability(visitor, "binnenstad", {"bezoeker"}, 0).available


def test_zone_cap_reached():
    result = check_availability(RESIDENT, "binnenstad", set(), 1035)
    assert (result.available, result.reason, result.params) == (
        False,
        "zone_cap_reached",
        {"zone": "binnenstad"},
    )


def test_reason_order():
    # zone first, then already held, then cap
    assert check_availability(RESIDENT, "elders", {"bewoner"}, 9999).reason == "not_in_zone"
    assert check_availability(RESIDENT, "binnenstad", {"bewoner"}, 9999).reason == "already_has_product"


def test_empty_zones_means_everywhere():
    anywhere = ProductRule("zorg", "Zorgvergunning", ())
    assert check_availability(anywhere, "rivierenwijk", set(), 0).available


def test_a_company_product_needs_a_company_and_a_resident_product_a_person():
    company = ProductRule("bedrijfsvergunning", "bedrijfsvergunning", ("binnenstad",), account_kind="company")
    assert check_availability(company, "binnenstad", set(), 0).reason == "company_only"
    assert check_availability(company, "binnenstad", set(), 0, "company").available
    assert check_availability(RESIDENT, "binnenstad", set(), 0, "company").reason == "person_only"
