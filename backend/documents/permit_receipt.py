"""PDF letter for a granted resident permit, with the payment receipt ("Betaalbewijs").

One A4 file: page 1 is the permit letter, page 2 the receipt. DejaVu Sans is embedded
when the system has it (full Unicode: "€", "ë", "—"); otherwise the PDF core font
Helvetica is used and characters outside Latin-1 are replaced ("€" → "EUR").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from backend.domain.dates import format_date_nl
from backend.domain.money import format_eur

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_FALLBACK_REPLACEMENTS = {"€": "EUR", "—": "-", "–": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."}


@dataclass
class PermitReceipt:
    municipality: str
    citizen_name: str
    street_address: str
    postcode_city: str
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
    issued_on: date
    municipality_address: str = "Postbus 5000, 7400 GC Deventer"
    municipality_phone: str = "14 0570"


def _font_files() -> tuple[Path, Path] | None:
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    return (regular, bold) if regular.is_file() and bold.is_file() else None


class _Letter(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        fonts = _font_files()
        if fonts:
            self.add_font("DejaVu", "", str(fonts[0]))
            self.add_font("DejaVu", "B", str(fonts[1]))
            self.family_name, self.unicode = "DejaVu", True
        else:
            self.family_name, self.unicode = "Helvetica", False
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(True, margin=20)

    def text_of(self, text: str) -> str:
        if self.unicode:
            return text
        for old, new in _FALLBACK_REPLACEMENTS.items():
            text = text.replace(old, new)
        return text.encode("latin-1", "replace").decode("latin-1")

    def font(self, size: float, bold: bool = False) -> None:
        self.set_font(self.family_name, "B" if bold else "", size)

    def line_text(self, text: str, size: float = 11, bold: bool = False, height: float = 6) -> None:
        self.font(size, bold)
        self.cell(0, height, self.text_of(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def paragraph(self, text: str, size: float = 11) -> None:
        self.font(size)
        self.multi_cell(0, 6, self.text_of(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def header_block(self, data: PermitReceipt) -> None:
        self.line_text(f"Gemeente {data.municipality} — Parkeerloket", size=15, bold=True, height=8)
        self.line_text(data.municipality_address, size=9, height=5)
        self.line_text(f"Telefoon {data.municipality_phone}", size=9, height=5)
        self.set_draw_color(0, 92, 153)
        self.set_line_width(0.6)
        self.line(self.l_margin, self.get_y() + 2, self.w - self.r_margin, self.get_y() + 2)
        self.ln(8)

    def table(self, rows: list[tuple[str, str]]) -> None:  # type: ignore[override]
        self.set_draw_color(180, 180, 180)
        self.set_line_width(0.2)
        width = self.w - self.l_margin - self.r_margin
        for label, value in rows:
            self.font(10, bold=True)
            self.set_fill_color(238, 243, 248)
            self.cell(55, 8, self.text_of(label), border=1, fill=True)
            self.font(10)
            self.cell(width - 55, 8, self.text_of(value), border=1, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(4)


def _period(data: PermitReceipt) -> str:
    return f"{format_date_nl(data.valid_from)} tot en met {format_date_nl(data.valid_until)}"


def render_permit_receipt(data: PermitReceipt) -> bytes:
    """The permit letter plus receipt as PDF bytes."""
    pdf = _Letter()
    pdf.set_title(pdf.text_of(f"Uw {data.product_name.lower()} {data.permit_number}"))
    pdf.set_author(pdf.text_of(f"Gemeente {data.municipality}"))
    pdf.set_creation_date(datetime(data.issued_on.year, data.issued_on.month, data.issued_on.day))

    # Part 1: the letter.
    pdf.add_page()
    pdf.header_block(data)
    for line in (data.citizen_name, data.street_address, data.postcode_city):
        pdf.line_text(line)
    pdf.ln(8)
    pdf.line_text(f"{data.municipality}, {format_date_nl(data.issued_on)}", size=10)
    pdf.ln(4)
    pdf.line_text("Onderwerp: Uw bewonersvergunning", bold=True)
    pdf.ln(4)
    pdf.paragraph(f"Beste {data.citizen_name},")
    pdf.paragraph(
        f"U heeft een {data.product_name.lower()} aangevraagd en betaald. Uw vergunning is verleend. "
        "U vindt de gegevens hieronder. U hoeft niets achter de voorruit te leggen: "
        "de scanauto controleert het kenteken."
    )
    plates_label = "Kentekens" if len(data.plates) > 1 else "Kenteken"
    pdf.table(
        [
            ("Vergunningnummer", data.permit_number),
            ("Product", data.product_name),
            (plates_label, ", ".join(data.plates)),
            ("Zone", data.zone_name),
            ("Geldig van / tot", _period(data)),
            ("Betaalperiode", data.period_label),
        ]
    )
    if len(data.plates) > 1:
        pdf.paragraph(
            "Let op: er staan meer kentekens op uw vergunning. Er mag steeds maar één auto "
            "tegelijk parkeren met deze vergunning. Zet het kenteken van de auto die u parkeert "
            "op actief."
        )
    pdf.paragraph(
        "Verandert er iets, bijvoorbeeld uw adres of uw kenteken? Geef dit dan direct aan ons door. "
        f"Heeft u vragen? Bel ons op {data.municipality_phone}."
    )
    pdf.paragraph("Met vriendelijke groet,")
    pdf.paragraph(f"Parkeerloket gemeente {data.municipality}")

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
