"""Dates and money (actions/formatting.py, from Babel), buttons, and texts in the
conversation's language (actions/i18n.py)."""

import string

import pytest

from actions.buttons import period_button, plate_reason_buttons
from actions.formatting import compact_plate, date_nl, format_date, format_money, money
from actions.i18n import DUTCH, ENGLISH, language
from actions.messages import MESSAGES
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
    ("2026-12-09T10:00:00+00:00", "9 december 2026", "9 December 2026"),   # a timestamp
    ("morgen", "morgen", "morgen"),                                  # no ISO date: left as it is
    (None, "", ""),
])
def test_dates(value, nl, en):
    assert format_date(value, "nl") == nl and format_date(value, "en") == en


@pytest.mark.parametrize(("value", "nl", "en"), [
    ("312.00", "€ 312,00", "€ 312.00"),
    ("1234.5", "€ 1.234,50", "€ 1,234.50"),
    ("-12.5", "€ -12,50", "€ -12.50"),
    ("1234567.891", "€ 1.234.567,89", "€ 1,234,567.89"),
    ("", "", ""),
])
def test_money(value, nl, en):
    assert format_money(value, "nl") == nl and format_money(value, "en") == en
    assert "\xa0" not in format_money(value, "nl") + format_money(value, "en")        # plain spaces


def test_english_period_button_keeps_its_payload():
    period = {"code": "kwartaal", "price": "81.90", "valid_until": "2027-02-28"}
    assert period_button(period, ENGLISH) == {"title": "Quarter (until 28 February 2027) € 81.90",
                                              "payload": '/inform{"period":"kwartaal"}'}
    assert period_button(period)["title"] == "Kwartaal (tot 28 februari 2027) € 81,90"


def test_plate_reason_buttons():
    assert [b["title"] for b in plate_reason_buttons(ENGLISH)] == [
        "My partner's car", "Lease car or company car", "Courtesy car from the garage"]
    assert [b["payload"] for b in plate_reason_buttons(ENGLISH)] == [b["payload"] for b in plate_reason_buttons()]


@pytest.mark.parametrize(("code", "nl", "en"), [
    ("bewonersvergunning", "bewonersvergunning", "resident permit"),
    ("jaarkaart", "jaarkaart betaald parkeren", "annual parking card"),
    ("onbekend", "onbekend", "onbekend"),                                  # unknown: the code itself
])
def test_product_names(code, nl, en):
    assert ENGLISH.product(code) == en and DUTCH.product(code) == nl


def test_labels_from_codes():
    application = {"product_code": "bewonersvergunning", "kind": "plate_change", "status": "awaiting_evidence"}
    assert ENGLISH.product_of(application) == "licence plate change, resident permit"
    assert DUTCH.product_of(application) == "kentekenwijziging bewonersvergunning"
    assert ENGLISH.status(application) == "Waiting for evidence"
    assert ENGLISH.todo(application) == "Send evidence that you are the user of the vehicle."
    assert DUTCH.status(application) == "Wacht op bewijsstuk"
    assert DUTCH.todo(application) == "Stuur een bewijsstuk dat u de gebruiker van het voertuig bent."
    assert DUTCH.todo({"status": "granted"}) == "" == ENGLISH.todo({"status": "granted"})
    rejected = {"status": "rejected", "rejection_reason": "Het contract is verlopen."}
    assert ENGLISH.todo(rejected) == "Reason: Het contract is verlopen."      # the operator's words stay
    assert DUTCH.todo(rejected) == "Reden: Het contract is verlopen."
    assert ENGLISH.period("maand") == "Month" and DUTCH.period("maand") == "Maand"
    assert ENGLISH.renewal_status("awaiting_confirmation") == "Waiting for your confirmation"
    assert DUTCH.renewal_status("expired") == "Vervallen"
    question = {"code": "vehicle_size", "text": "Is uw auto korter dan 6 meter en lager dan 2,4 meter?"}
    assert ENGLISH.question(question) == "Is your car shorter than 6 metres and lower than 2.4 metres?"
    assert DUTCH.question(question) == question["text"]
    assert ENGLISH.question({"code": "new_one", "text": "Nieuwe vraag?"}) == "Nieuwe vraag?"
    assert ENGLISH.answer("ja") == "Yes" and DUTCH.answer("ja") == "Ja"
    assert ENGLISH.plate_reason("lease") == "Lease car or company car" and DUTCH.plate_reason("x") == ""
    assert ENGLISH.zone_of({"zone": None, "zone_name": "geen vergunninggebied"}) == "no permit area"
    assert DUTCH.zone_of({"zone": None}) == "geen vergunninggebied"
    assert ENGLISH.zone_of({"zone": "binnenstad", "zone_name": "Binnenstad"}) == "Binnenstad"


def test_cart_items_and_documents_from_codes():
    application = {"kind": "application", "product_code": "bewonersvergunning", "plates": ["51-PX-PN", "GF-12-34"],
                   "period_code": "jaar", "start": "2026-11-26", "end": "2027-11-25", "number": None}
    assert ENGLISH.cart_item(application) == "resident permit 51-PX-PN, GF-12-34 (year, 26 November 2026 to 25 November 2027)"
    assert DUTCH.cart_item(application) == ("bewonersvergunning 51-PX-PN, GF-12-34 (jaar, 26 november 2026 t/m "
                                            "25 november 2027)")
    visitor = {**application, "product_code": "bezoekersvergunning", "plates": [], "period_code": "maand"}
    assert DUTCH.cart_item(visitor) == "bezoekersvergunning (maand, 26 november 2026 t/m 25 november 2027)"
    renewal = {"kind": "renewal", "product_code": "bewonersvergunning", "number": "P-2025-000135",
               "plates": ["ZT-512-H"], "period_code": "jaar", "start": "2026-12-10", "end": "2027-12-09"}
    assert ENGLISH.cart_item(renewal) == "Renewal of resident permit P-2025-000135, 10 December 2026 to 9 December 2027"
    assert DUTCH.cart_item(renewal) == ("Verlenging bewonersvergunning P-2025-000135, 10 december 2026 tot en met "
                                        "9 december 2027")
    letter = {"kind": "termination", "reference": "P-2026-000001"}
    assert ENGLISH.document_title(letter) == "Proof of termination P-2026-000001"
    assert DUTCH.document_title(letter) == "Bewijs van beëindiging P-2026-000001"


def test_messages_and_counts():
    assert DUTCH("refused_plate_duplicate", plate="12-ABC-3") == "Het kenteken 12-ABC-3 staat al op uw vergunning."
    assert ENGLISH("refused_plate_duplicate", plate="12-ABC-3") == ("The licence plate 12-ABC-3 is already on "
                                                                   "your permit.")
    assert ENGLISH.count(1, "application") == "1 application" and DUTCH.count(2, "application") == "2 aanvragen"
    assert ENGLISH.join(["a", "b", "c"], "or") == "a, b or c" and DUTCH.join(["a", "b"]) == "a en b"


def test_every_message_has_both_languages_with_the_same_placeholders():
    for key, (nl, en) in MESSAGES.items():
        fields = [{f for _, f, _, _ in string.Formatter().parse(text) if f} for text in (nl, en)]
        assert nl and en and fields[0] == fields[1], key
