"""mijn.2park: which products must be linked to a mijn.2park account, how, and the
account's password rules. Pure rules, no I/O."""

from __future__ import annotations

# A bezoekersvergunning is used in mijn.2park (visitors' sessions, balance); a product with
# two plates needs it for the kentekenswitch.
LINK_PRODUCTS = frozenset({"bezoekersvergunning"})
LINK_METHODS = ("email_link", "existing_account", "digid", "eherkenning")
# Logins that prove who the holder is: their products are linked without the e-mail.
IDENTITY_LOGINS = frozenset({"digid", "eherkenning"})
MIN_PASSWORD_LENGTH = 10


def needs_link(product_code: str, plate_count: int) -> bool:
    """True for a bezoekersvergunning and for any product with two (or more) plates."""
    return product_code in LINK_PRODUCTS or plate_count >= 2


def links_on_login(login_method: str | None) -> bool:
    """True when a conversation logged in this way gets its products linked by itself."""
    return login_method in IDENTITY_LOGINS


def normalize_email(email: str) -> str:
    """The account's user name: the e-mail address, trimmed and lower-cased."""
    return (email or "").strip().lower()


def password_problem(password: str, repeated: str, email: str) -> str | None:
    """Why this password may not be used (a code), or None: too_short, not_the_same, is_email."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        return "too_short"
    if password != repeated:
        return "not_the_same"
    if normalize_email(password) == normalize_email(email):
        return "is_email"
    return None


def link_json(needed: bool, method: str | None) -> dict:
    """The link status of a product for the action-facing API."""
    return {"needed": needed, "linked": method is not None, "method": method}
