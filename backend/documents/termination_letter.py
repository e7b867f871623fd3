"""PDF letter: proof that a permit was ended (Beëindigen), with the restitution."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from backend.documents.letter import Letter, LetterHead
from backend.domain.dates import format_date_nl
from backend.domain.money import format_eur
from backend.domain.restitution import PAYMENT_WEEKS


@dataclass(kw_only=True)
class TerminationLetter(LetterHead):
    product_name: str
    permit_number: str
    plates: list[str]
    valid_from: date
    valid_until: date
    ended_on: date
    restitution: Decimal
    iban_masked: str | None


def render_termination_letter(data: TerminationLetter) -> bytes:
    pdf = Letter()
    pdf.set_title(pdf.text_of(f"Bewijs van beëindiging {data.permit_number}"))
    pdf.opening(data, f"Beëindiging van uw {data.product_name}")
    pdf.paragraph(f"U heeft uw {data.product_name} beëindigd. Met deze brief bevestigen wij dat. "
                  "Bewaar deze brief als bewijs.")
    rows = [("Vergunningnummer", data.permit_number),
            ("Kenteken(s)", ", ".join(data.plates) or "-"),
            ("Betaald tot en met", format_date_nl(data.valid_until)),
            ("Beëindigd op", format_date_nl(data.ended_on)),
            ("Terugbetaling", format_eur(data.restitution))]
    if data.restitution > 0 and data.iban_masked:
        rows.append(("Naar rekening", data.iban_masked))
    pdf.table(rows)
    if data.restitution > 0:
        pdf.paragraph(f"U krijgt {format_eur(data.restitution)} terug voor de dagen die u niet meer "
                      f"gebruikt. Wij betalen dit binnen {PAYMENT_WEEKS} weken.")
    else:
        pdf.paragraph("Er is geen bedrag om terug te betalen.")
    pdf.paragraph("Vanaf de dag na de beëindiging mag u niet meer met deze vergunning parkeren. "
                  f"Heeft u vragen? Bel ons op {data.municipality_phone}.")
    pdf.closing(data)
    return bytes(pdf.output())
