"""PDF letter: confirmation that the plate(s) on a permit changed (Kenteken wijzigen)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from backend.documents.letter import Letter, LetterHead
from backend.domain.dates import format_date_nl


@dataclass(kw_only=True)
class ChangePlateLetter(LetterHead):
    product_name: str
    permit_number: str
    old_plate: str | None
    new_plate: str
    plates_now: list[str]
    valid_until: date


def render_change_plate_letter(data: ChangePlateLetter) -> bytes:
    pdf = Letter()
    pdf.set_title(pdf.text_of(f"Kentekenwijziging {data.permit_number}"))
    pdf.opening(data, f"Wijziging kenteken op uw {data.product_name}")
    what = (f"Het kenteken {data.old_plate} is vervangen door {data.new_plate}." if data.old_plate
            else f"Het kenteken {data.new_plate} is toegevoegd.")
    pdf.paragraph(f"U heeft het kenteken op uw {data.product_name} gewijzigd. {what} "
                  f"De wijziging geldt vanaf {format_date_nl(data.issued_on)}.")
    pdf.table([("Vergunningnummer", data.permit_number),
               ("Kenteken(s) nu", ", ".join(data.plates_now)),
               ("Geldig tot en met", format_date_nl(data.valid_until))])
    if len(data.plates_now) > 1:
        pdf.paragraph("Er staan 2 kentekens op uw vergunning. Er mag 1 auto tegelijk parkeren. "
                      "Kies het actieve kenteken in de webapp mijn.2park.")
    pdf.paragraph(f"Een kentekenwijziging is gratis. Heeft u vragen? Bel ons op {data.municipality_phone}.")
    pdf.closing(data)
    return bytes(pdf.output())
