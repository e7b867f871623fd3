import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader

from backend.documents import letter
from backend.documents.permit_receipt import PermitReceipt, render_permit_receipt


def _data(plates):
    return PermitReceipt(
        municipality="Deventer",
        citizen_name="Anouk Ëlzinga",
        street_address="Brink 12",
        postcode_city="7411 BR Deventer",
        product_name="Bewonersvergunning",
        zone_name="Binnenstad",
        plates=plates,
        valid_from=date(2027, 3, 1),
        valid_until=date(2028, 2, 29),
        period_label="Jaar",
        amount=Decimal("312.00"),
        payment_reference="tr_WDqYK6vllg",
        paid_at=datetime(2026, 11, 25, 13, 5),
        permit_number="V-2026-000042",
        issued_on=date(2026, 11, 25),
    )


def _pages(pdf: bytes) -> list[str]:
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    return [page.extract_text() for page in reader.pages]


@pytest.fixture(params=["dejavu", "core"])
def font_mode(request, monkeypatch):
    if request.param == "core":
        monkeypatch.setattr(letter, "_font_files", lambda: None)
    elif letter._font_files() is None:
        pytest.skip("DejaVu fonts not installed")
    return request.param


def test_letter_and_receipt_content(font_mode):
    pages = _pages(render_permit_receipt(_data(["51-PX-PN", "12-ABC-3"])))
    text = "\n".join(pages)
    assert len(pages) == 2
    assert "Anouk Ëlzinga" in pages[0]
    assert "Uw bewonersvergunning" in pages[0]
    assert "51-PX-PN" in pages[0] and "12-ABC-3" in pages[0]
    assert "V-2026-000042" in pages[0]
    assert "1 maart 2027" in pages[0] and "29 februari 2028" in pages[0]
    assert "één auto" in pages[0]
    assert "Betaalbewijs" in pages[1] and "Betaalbewijs" not in pages[0]
    assert "312,00" in pages[1]
    assert "tr_WDqYK6vllg" in pages[1]
    assert "25 november 2026 om 13:05" in pages[1]
    assert "Betaald via iDEAL" in pages[1]
    assert "14 0570" in text
    if font_mode == "dejavu":
        assert "€ 312,00" in pages[1]
        assert "Gemeente Deventer — Parkeerloket" in pages[0]
    else:
        assert "EUR 312,00" in pages[1]


def test_single_plate_has_no_one_vehicle_note():
    text = _pages(render_permit_receipt(_data(["51-PX-PN"])))[0]
    assert "51-PX-PN" in text
    assert "één auto" not in text
    assert "Kentekens" not in text


def test_visitor_permit_letter_has_no_plate_and_explains_visitors():
    data = _data([])
    data.product_name = "bezoekersvergunning"
    text = " ".join(_pages(render_permit_receipt(data))[0].split())
    assert "Uw bezoekersvergunning" in text and "kenteken van uw bezoek" in text
    assert "Kenteken" not in text and "scanauto" not in text


def test_letters_point_to_the_chat_for_visitors_and_the_kentekenswitch():
    visitor = " ".join(" ".join(_pages(render_permit_receipt(_data([])))).split())
    assert "in de chat van het Parkeerloket (zeg 'parkeren starten') of in mijn.2park" in visitor
    two = " ".join(" ".join(_pages(render_permit_receipt(_data(["51-PX-PN", "12-ABC-3"])))).split())
    assert "zeg 'kenteken wisselen'" in two
