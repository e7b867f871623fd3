"""Whether a citizen may apply for a product: account kind, zone, one permit per citizen, zone caps.

Checks run in this order and the first failing one is the reason:
`company_only` / `person_only` (a bedrijfsvergunning needs a company login, a
bewonersvergunning a person), `not_in_zone`, `already_has_product`, `zone_cap_reached`. The caller adds display
names (such as `zone_name`) to the params.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ProductRule:
    """Availability rules of one product. An empty `zones` tuple means: every zone."""

    code: str
    name: str
    zones: tuple[str, ...]
    max_per_citizen: int = 1
    zone_caps: dict[str, int] = field(default_factory=dict)
    account_kind: str = "person"      # who may apply: person | company


@dataclass(frozen=True)
class Availability:
    available: bool
    reason: str | None = None
    params: dict = field(default_factory=dict)


def check_availability(
    product: ProductRule,
    zone_code: str | None,
    held_product_codes: set[str],
    zone_active_count: int,
    account_kind: str = "person",
) -> Availability:
    """Availability of `product` for a citizen living in `zone_code`.

    `held_product_codes` are the codes of the citizen's active permits (and open
    applications); `zone_active_count` is the number of active permits of this product
    in the zone, compared with `product.zone_caps[zone_code]` when a cap exists;
    `account_kind` is the applicant's (person or company).
    """
    if product.account_kind != account_kind:
        return Availability(False, "company_only" if product.account_kind == "company" else "person_only",
                            {"product": product.code})
    if product.zones and zone_code not in product.zones:
        return Availability(False, "not_in_zone", {"zone": zone_code})
    if product.code in held_product_codes and product.max_per_citizen <= 1:
        return Availability(False, "already_has_product", {"product": product.code})
    cap = product.zone_caps.get(zone_code) if zone_code is not None else None
    if cap is not None and zone_active_count >= cap:
        return Availability(False, "zone_cap_reached", {"zone": zone_code})
    return Availability(True)
