"""mijn.2park link: the e-mail after a grant, the link page (new account, existing account,
bad, expired and reused links, password rules) and the link status in Huidige producten."""

import time
from datetime import date

from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from tests.api.test_payments import apply, wait_payment
from tests.support.mails import mijn2park_link
from tests.support.person import Person
from tests.support.processes import api, login_with

KEES, LOTTE, EVA = "999990056", "999990172", "999990159"
PASSWORD = "geheim-wachtwoord-1"


def pay_logged_out(c):
    """Check out, then the conversation logs out before the payment is done: the grant
    cannot link by the login, so the link comes by e-mail. Logged in again afterwards."""
    pay = c.call("POST", "/cart/checkout", {"channel": "rest"})
    api(c.backend.url, c.backend.token, "POST", f"/api/conversations/{c.sid}/logout", {})
    Person().submit_form(pay["payment_url"], {"status": "paid"})
    login_with(c.backend.url, c.sid, "digid", {"bsn": c.bsn}, c.backend.token)
    wait_payment(c, pay["payment_id"], "paid")


def pay_two_plates(kees):
    apply(kees, [{"value": "GF1234"}, {"value": "5TXB21"}], period="maand")
    pay_logged_out(kees)


def link_of(backend, to, product="", timeout=10):
    """The link in the mijn.2park e-mail to `to` (about `product`), once it is there."""
    return mijn2park_link(backend.outbox_dir, to, product, timeout)


def test_new_account_then_bevestig_links_and_the_link_works_once(backend, citizen):
    kees = citizen(KEES)
    pay_two_plates(kees)
    url = link_of(backend, "kees.mulder@example.nl")
    person = Person()
    page = person.open(url)
    assert page.status == 200 and "kees.mulder@example.nl" in page.text and "Bevestig" in page.text

    def refused(password, repeated):
        return person.submit_form(url, {"password": password, "password2": repeated})

    short = refused("kort", "kort")
    assert short.status == 422 and "minstens 10 tekens" in short.text
    other = refused(PASSWORD, PASSWORD + "x")
    assert other.status == 422 and "niet hetzelfde" in other.text
    mail = refused("Kees.Mulder@example.nl", "Kees.Mulder@example.nl")
    assert mail.status == 422 and "niet uw e-mailadres" in mail.text

    # A post from another site (no CSRF cookie and token) changes nothing.
    forged = Person().client.post(url, data={"password": PASSWORD, "password2": PASSWORD})
    assert forged.status_code == 403 and "Bevestig" in forged.text
    done = refused(PASSWORD, PASSWORD)
    assert done.status == 200 and "gekoppeld met uw nieuwe mijn.2park-account" in done.text
    assert "actieve kenteken" in done.text
    assert PASSWORD not in done.text
    (product,) = kees.call("GET", "/products?state=current")["products"]
    assert product["link"] == {"needed": True, "linked": True, "method": "email_link"}
    # Opening the link again only says it is linked; nothing is made twice.
    again = Person().open(url)
    assert again.status == 200 and "gekoppeld" in again.text and "Bevestig" not in again.text
    logs = "".join(p.read_text() for p in (backend.outbox_dir.parent / "logs").glob("*.log")) \
        if (backend.outbox_dir.parent / "logs").exists() else ""
    assert PASSWORD not in logs


def test_existing_account_is_linked_at_once(backend, citizen):
    # Kees has an account now (test above); a bezoekersvergunning of his links by itself.
    kees = citizen(KEES)
    d = {"product": "bezoekersvergunning", "start_date": date.today().isoformat(),
         "period": "jaar", "plates": [], "answers": {}}
    status, body = kees.call_status("POST", "/applications", {"draft": d, "idempotency_key": f"{kees.sid}:v"})
    assert status in (200, 201), body
    pay_logged_out(kees)
    url = link_of(backend, "kees.mulder@example.nl", "bezoekersvergunning")
    page = Person().open(url)
    assert page.status == 200 and "gekoppeld met uw bestaande mijn.2park-account" in page.text
    assert "bezoek parkeren" in page.text and "actieve kenteken" not in page.text    # no plates to choose
    assert "password" not in page.text
    visitor = next(p for p in kees.call("GET", "/products?state=current")["products"]
                   if p["product_code"] == "bezoekersvergunning")
    assert visitor["link"] == {"needed": True, "linked": True, "method": "existing_account"}


def test_bad_and_expired_links_change_nothing(backend):
    person = Person()
    assert person.open(f"{backend.url}/mijn2park/link/forged").status == 410
    old = URLSafeTimedSerializer("dev-secret-change-me", salt="parkeerloket:mijn2park_link",
                                 signer_kwargs={})
    old.signer = type("OldSigner", (TimestampSigner,), {"get_timestamp": lambda self: int(time.time()) - 90 * 86400})
    token = old.dumps({"p": 1, "c": 1, "j": "old"})
    page = person.open(f"{backend.url}/mijn2park/link/{token}")
    assert page.status == 410 and "verlopen" in page.text
    posted = person.client.post(f"{backend.url}/mijn2park/link/{token}",
                                data={"password": PASSWORD, "password2": PASSWORD})
    assert posted.status_code == 410


def test_digid_conversation_links_by_itself_and_a_permit_login_does_not(backend, citizen):
    from tests.api.conftest import Citizen
    scoped = Citizen(backend, method="permit", values={"permit_number": "P-2026-000004", "code": "4821-7735"})
    (own,) = scoped.call("GET", "/products?state=current")["products"]
    assert "link" not in own                         # one plate: nothing to link
    eva = citizen(EVA)
    visitor = next(p for p in eva.call("GET", "/products?state=current")["products"]
                   if p["product_code"] == "bezoekersvergunning")
    assert visitor["link"] == {"needed": True, "linked": True, "method": "digid"}
    lotte = citizen(LOTTE)
    (product,) = lotte.call("GET", "/products?state=current")["products"]
    assert product["link"]["method"] == "digid" and product["active_plate"] == "RT-447-L"


def test_paid_in_a_digid_conversation_is_linked_at_once_without_the_mail(backend, citizen):
    sanne = citizen("999990019")
    d = {"product": "bezoekersvergunning", "start_date": date.today().isoformat(),
         "period": "jaar", "plates": [], "answers": {}}
    status, body = sanne.call_status("POST", "/applications", {"draft": d, "idempotency_key": f"{sanne.sid}:v"})
    assert status in (200, 201), body
    pay = sanne.call("POST", "/cart/checkout", {"channel": "rest"})
    Person().submit_form(pay["payment_url"], {"status": "paid"})
    wait_payment(sanne, pay["payment_id"], "paid")
    # Linked in the grant's transaction (read straight from the database: reading the
    # products in the chat would link a DigiD conversation's products too), so offer_link
    # sends no e-mail with a link.
    from sqlalchemy import create_engine, text
    engine = create_engine(backend.database_url.replace("+aiosqlite", ""))
    try:
        with engine.connect() as db:
            rows = db.execute(text("SELECT l.method FROM product_link l JOIN permit p ON p.id = l.permit_id "
                                   "JOIN citizen c ON c.id = p.citizen_id WHERE c.bsn = '999990019'")).all()
    finally:
        engine.dispose()
    assert [r.method for r in rows] == ["digid"]
