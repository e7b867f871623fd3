"""Which products need a mijn.2park link, and the account's password rules."""

from backend.domain.mijn2park import links_on_login, needs_link, normalize_email, password_problem


def test_two_plates_or_a_visitor_permit_need_a_link():
    assert needs_link("bezoekersvergunning", 0)
    assert needs_link("bewonersvergunning", 2)
    assert not needs_link("bewonersvergunning", 1)
    assert not needs_link("jaarkaart", 1)


def test_only_identity_logins_link_by_themselves():
    assert links_on_login("digid") and links_on_login("eherkenning")
    assert not links_on_login("permit") and not links_on_login(None)


def test_password_rules():
    email = "Kees.Mulder@example.nl"
    assert normalize_email(f"  {email} ") == "kees.mulder@example.nl"
    assert password_problem("kort", "kort", email) == "too_short"
    assert password_problem("lang-genoeg-1", "lang-genoeg-2", email) == "not_the_same"
    assert password_problem("kees.mulder@EXAMPLE.nl", "kees.mulder@EXAMPLE.nl", email) == "is_email"
    assert password_problem("lang-genoeg-1", "lang-genoeg-1", email) is None
