"""Display helpers, and texts in the conversation's language (actions/i18n.py)."""

import string
from datetime import date
from decimal import Decimal

import pytest

from actions.formatting import compact_plate, date_nl, money, period_button, plate_reason_buttons
from actions.i18n import (
    DUTCH,
    ENGLISH,
    MESSAGES,
    as_amount,
    as_date,
    format_date,
    format_money,
    language,
)
from tests.actions.conftest import make_tracker


def test_money_and_dates():
    assert money("312.00") == "€ 312,00"
    assert money("1234.5") == "€ 1.234,50"
    assert date_nl("2026-11-26") == "26 november 2026"
    assert compact_plate("51-px-pn") == "51PXPN"


def test_period_button():
    b = period_button({"code": "jaar", "label": "Jaar", "price": "312.00", "valid_until": "2027-11-24"})
    assert b == {"title": "Jaar (tot 24 november 2027) € 312,00", "payload": '/inform{"period":"jaar"}'}


# Texts in the conversation's language


def test_language_of_the_conversation():
    assert language(make_tracker("x", slots={"language": "en"})) == "en"
    assert language(make_tracker("x", slots={"language": "nl"})) == "nl"
    assert language(make_tracker("x")) == "nl"                          # default
    assert language(make_tracker("x", slots={"language": "de"})) == "nl"


@pytest.mark.parametrize(("value", "nl", "en"), [
    ("2026-11-26", "26 november 2026", "26 November 2026"),
    ("2027-03-01", "1 maart 2027", "1 March 2027"),
    ("26 november 2026", "26 november 2026", "26 November 2026"),    # a backend display value
    ("1 Maart 2027", "1 maart 2027", "1 March 2027"),
    ("morgen", "morgen", "morgen"),                                  # no date: left as it is
    (None, "", ""),
])
def test_dates(value, nl, en):
    assert format_date(value, "nl") == nl and format_date(value, "en") == en


def test_dates_read_back():
    assert as_date("31 december 2026") == date(2026, 12, 31)
    assert as_date("31 februari 2026") is None and as_date("") is None


@pytest.mark.parametrize(("value", "nl", "en"), [
    ("312.00", "€ 312,00", "€ 312.00"),
    ("1234.5", "€ 1.234,50", "€ 1,234.50"),
    ("-12.5", "€ -12,50", "€ -12.50"),
    ("€ 1.234,50", "€ 1.234,50", "€ 1,234.50"),                      # a backend display value
    ("", "", ""),
])
def test_money(value, nl, en):
    assert format_money(value, "nl") == nl and format_money(value, "en") == en


def test_amount_read_back():
    assert as_amount("€ 26,00") == Decimal("26.00") and as_amount("81.90") == Decimal("81.90")
    assert as_amount("gratis") is None


def test_english_period_button_keeps_its_payload():
    period = {"code": "kwartaal", "label": "Kwartaal", "price": "81.90", "price_display": "€ 81,90",
              "valid_until": "2027-02-28", "valid_until_display": "28 februari 2027"}
    assert period_button(period, ENGLISH) == {"title": "Quarter (until 28 February 2027) € 81.90",
                                              "payload": '/inform{"period":"kwartaal"}'}
    assert period_button(period)["title"] == "Kwartaal (tot 28 februari 2027) € 81,90"


def test_plate_reason_buttons():
    assert [b["title"] for b in plate_reason_buttons(ENGLISH)] == [
        "My partner's car", "Lease car or company car", "Courtesy car from the garage"]
    assert [b["payload"] for b in plate_reason_buttons(ENGLISH)] == [b["payload"] for b in plate_reason_buttons()]


@pytest.mark.parametrize(("code", "name", "en"), [
    ("bewonersvergunning", "bewonersvergunning", "resident permit"),
    ("jaarkaart", "jaarkaart betaald parkeren", "annual parking card"),
    (None, "jaarkaart betaald parkeren", "annual parking card"),           # name only (termination, payment)
    (None, "kentekenwijziging bezoekersvergunning", "licence plate change, visitor permit"),
    ("onbekend", "iets nieuws", "iets nieuws"),                            # unknown: the backend's name
])
def test_product_names(code, name, en):
    assert ENGLISH.product(code, name) == en
    assert DUTCH.product(code, name) == name


def test_labels_from_codes():
    application = {"product_code": "bewonersvergunning", "product_name": "kentekenwijziging bewonersvergunning",
                   "kind": "plate_change", "status": "awaiting_evidence", "status_label": "Wacht op bewijsstuk",
                   "todo": "Stuur een bewijsstuk dat u de gebruiker van het voertuig bent."}
    assert ENGLISH.product_of(application) == "licence plate change, resident permit"
    assert ENGLISH.status(application) == "Waiting for evidence"
    assert ENGLISH.todo(application) == "Send evidence that you are the user of the vehicle."
    assert DUTCH.status(application) == "Wacht op bewijsstuk" and DUTCH.todo(application) == application["todo"]
    rejected = {"status": "rejected", "rejection_reason": "Het contract is verlopen.", "todo": "Reden: Het contract is verlopen."}
    assert ENGLISH.todo(rejected) == "Reason: Het contract is verlopen."      # the operator's words stay
    assert ENGLISH.period("maand", "Maand") == "Month" and DUTCH.period("maand", "Maand") == "Maand"
    assert ENGLISH.renewal_status("awaiting_confirmation", "Wacht op uw bevestiging") == "Waiting for your confirmation"
    question = {"code": "vehicle_size", "text": "Is uw auto korter dan 6 meter en lager dan 2,4 meter?"}
    assert ENGLISH.question(question) == "Is your car shorter than 6 metres and lower than 2.4 metres?"
    assert DUTCH.question(question) == question["text"]
    assert ENGLISH.question({"code": "new_one", "text": "Nieuwe vraag?"}) == "Nieuwe vraag?"
    assert ENGLISH.answer("ja") == "Yes" and DUTCH.answer("ja") == "Ja"
    assert ENGLISH.zone("geen vergunninggebied") == "no permit area" and ENGLISH.zone("Binnenstad") == "Binnenstad"


def test_dutch_only_backend_texts_in_english():
    assert ENGLISH.cart_item("bewonersvergunning 51-PX-PN, GF-12-34 (jaar, 26 november 2026 t/m 25 november 2027)") \
        == "resident permit 51-PX-PN, GF-12-34 (year, 26 November 2026 to 25 November 2027)"
    assert ENGLISH.cart_item("jaarkaart betaald parkeren 51-PX-PN (jaar, 1 maart 2027 t/m 29 februari 2028)") \
        == "annual parking card 51-PX-PN (year, 1 March 2027 to 29 February 2028)"
    assert ENGLISH.cart_item("Verlenging bewonersvergunning P-2025-000135, 10 december 2026 tot en met "
                             "9 december 2027") \
        == "Renewal of resident permit P-2025-000135, 10 December 2026 to 9 December 2027"
    assert ENGLISH.cart_item("iets anders") == "iets anders"
    assert DUTCH.cart_item("Verlenging x") == "Verlenging x"
    assert ENGLISH.document_title("Bewijs van beëindiging P-2026-000001") == "Proof of termination P-2026-000001"
    assert DUTCH.document_title("Bewijs van beëindiging P-2026-000001") == "Bewijs van beëindiging P-2026-000001"


def test_messages_and_counts():
    assert DUTCH("plate_not_on_name", plate="12-ABC-3") == ("Het kenteken 12-ABC-3 staat niet op uw naam. "
                                                           "Waarom rijdt u in deze auto?")
    assert ENGLISH("plate_not_on_name", plate="12-ABC-3") == ("The licence plate 12-ABC-3 is not in your name. "
                                                             "Why do you drive this car?")
    assert ENGLISH.count(1, "application") == "1 application" and DUTCH.count(2, "application") == "2 aanvragen"
    assert ENGLISH.join(["a", "b", "c"], "or") == "a, b or c" and DUTCH.join(["a", "b"]) == "a en b"


def test_every_message_has_both_languages_with_the_same_placeholders():
    for key, (nl, en) in MESSAGES.items():
        fields = [{f for _, f, _, _ in string.Formatter().parse(text) if f} for text in (nl, en)]
        assert nl and en and fields[0] == fields[1], key
