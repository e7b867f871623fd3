from decimal import Decimal

import pytest

from backend.domain.money import format_eur, to_api


@pytest.mark.parametrize(
    ("amount", "shown", "api"),
    [
        (Decimal("312"), "€ 312,00", "312.00"),
        (Decimal("1234.5"), "€ 1.234,50", "1234.50"),
        (Decimal("1234567.891"), "€ 1.234.567,89", "1234567.89"),
        (Decimal("0"), "€ 0,00", "0.00"),
        (Decimal("0.005"), "€ 0,01", "0.01"),  # half up
        (Decimal("-12.5"), "€ -12,50", "-12.50"),
        (7, "€ 7,00", "7.00"),
    ],
)
def test_formats(amount, shown, api):
    assert format_eur(amount) == shown
    assert to_api(amount) == api


@pytest.mark.parametrize("bad", [312.0, "312.00", None, True])
def test_rejects_non_decimal(bad):
    with pytest.raises(TypeError):
        format_eur(bad)
    with pytest.raises(TypeError):
        to_api(bad)


def test_rejects_nan():
    with pytest.raises(ValueError):
        to_api(Decimal("NaN"))
