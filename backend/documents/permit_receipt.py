"""PDF letter for a granted resident permit, with the payment receipt ("Betaalbewijs").

One A4 file: page 1 is the permit letter, page 2 the receipt. DejaVu Sans is embedded
when the system has it (full Unicode: "€", "ë", "—"); otherwise the PDF core font
Helvetica is used and characters outside Latin-1 are replaced ("€" → "EUR").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from backend.documents.letter import Letter, LetterHead
from backend.domain.dates import format_date_nl
from backend.domain.money import format_eur


@dataclass(kw_only=True)
class PermitReceipt(LetterHead):
    product_name: str
    zone_name: str
    plates: list[str]  # display form, e.g. "51-PX-PN"
    valid_from: date
    valid_until: date
    period_label: str
    amount: Decimal
    payment_reference: str
    paid_at: datetime
    permit_number: str
    renewal: bool = False      # a paid Verlenging: the same letter for the new period


def _period(data: PermitReceipt) -> str:
    return f"{format_date_nl(data.valid_from)} tot en met {format_date_nl(data.valid_until)}"


def render_permit_receipt(data: PermitReceipt) -> bytes:
    """The permit letter plus receipt as PDF bytes."""
    pdf = Letter()
    pdf.set_title(pdf.text_of(f"Uw {data.product_name.lower()} {data.permit_number}"))
    pdf.set_author(pdf.text_of(f"Gemeente {data.municipality}"))
    pdf.set_creation_date(datetime(data.issued_on.year, data.issued_on.month, data.issued_on.day))

    # Part 1: the letter.
    if data.renewal:
        pdf.opening(data, f"Verlenging van uw {data.product_name.lower()}")
        lead = (f"U heeft de verlenging van uw {data.product_name.lower()} bevestigd en betaald. "
                "Uw vergunning is verlengd voor de periode hieronder.")
    else:
        pdf.opening(data, f"Uw {data.product_name.lower()}")
        lead = (f"U heeft een {data.product_name.lower()} aangevraagd en betaald. Uw vergunning is verleend. "
                "U vindt de gegevens hieronder.")
    how = ("U hoeft niets achter de voorruit te leggen: de scanauto controleert het kenteken."
           if data.plates else
           "Komt er bezoek? Meld dan het kenteken van uw bezoek aan in de chat van het Parkeerloket "
           "(zeg 'parkeren starten') of in mijn.2park. Uw bezoek parkeert dan op uw parkeertegoed, "
           "tegen het tarief voor bezoekers. Uw tegoed vult u aan in de chat (zeg 'tegoed opwaarderen').")
    pdf.paragraph(
        f"{lead} {how}"
    )
    plates_label = "Kentekens" if len(data.plates) > 1 else "Kenteken"
    rows = [("Vergunningnummer", data.permit_number), ("Product", data.product_name)]
    if data.plates:
        rows.append((plates_label, ", ".join(data.plates)))
    rows += [("Zone", data.zone_name), ("Geldig van / tot", _period(data)), ("Betaalperiode", data.period_label)]
    pdf.table(rows)
    if len(data.plates) > 1:
        pdf.paragraph(
            "Let op: er staan meer kentekens op uw vergunning. Er mag steeds maar één auto "
            "tegelijk parkeren met deze vergunning. Zet het kenteken van de auto die u parkeert "
            "op actief. Dat doet u in de chat van het Parkeerloket: zeg 'kenteken wisselen'."
        )
    pdf.paragraph(
        "Verandert er iets, bijvoorbeeld uw adres of uw kenteken? Geef dit dan direct aan ons door. "
        f"Heeft u vragen? Bel ons op {data.municipality_phone}."
    )
    pdf.closing(data)

    # Part 2: the receipt.
    pdf.add_page()
    pdf.header_block(data)
    pdf.line_text("Betaalbewijs", size=14, bold=True, height=8)
    pdf.ln(2)
    pdf.paragraph(f"Wij hebben uw betaling ontvangen. Dank u wel, {data.citizen_name}.")
    pdf.table(
        [
            ("Omschrijving", f"{data.product_name}, {data.period_label.lower()}"),
            ("Vergunningnummer", data.permit_number),
            ("Periode", _period(data)),
            ("Bedrag", format_eur(data.amount)),
            ("Betaalkenmerk", data.payment_reference),
            ("Betaald op", f"{format_date_nl(data.paid_at.date())} om {data.paid_at:%H:%M} uur"),
            ("Betaalwijze", "Betaald via iDEAL"),
        ]
    )
    pdf.paragraph("Bewaar dit betaalbewijs bij uw administratie.", size=10)
    return bytes(pdf.output())
