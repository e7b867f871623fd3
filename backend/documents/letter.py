"""The municipality's letter layout (fpdf2), shared by every letter we send.

DejaVu Sans is embedded when the system has it (full Unicode: "€", "ë", "—"); otherwise
the PDF core font Helvetica is used and characters outside Latin-1 are replaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_FALLBACK_REPLACEMENTS = {"€": "EUR", "—": "-", "–": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."}


@dataclass(kw_only=True)
class LetterHead:
    """What every letter starts with: the municipality and the addressee."""
    municipality: str
    citizen_name: str
    street_address: str
    postcode_city: str
    issued_on: date
    municipality_address: str = "Postbus 5000, 7400 GC Deventer"
    municipality_phone: str = "14 0570"


def _font_files() -> tuple[Path, Path] | None:
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    return (regular, bold) if regular.is_file() and bold.is_file() else None


class Letter(FPDF):
    """An A4 letter of the municipality: header, addressee, paragraphs, label/value tables."""

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

    def header_block(self, data: LetterHead) -> None:
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

    def opening(self, data: LetterHead, subject: str) -> None:
        """Header, addressee block, place and date, subject and salutation."""
        from backend.domain.dates import format_date_nl
        self.add_page()
        self.header_block(data)
        for line in (data.citizen_name, data.street_address, data.postcode_city):
            self.line_text(line)
        self.ln(8)
        self.line_text(f"{data.municipality}, {format_date_nl(data.issued_on)}", size=10)
        self.ln(4)
        self.line_text(f"Onderwerp: {subject}", bold=True)
        self.ln(4)
        self.paragraph(f"Beste {data.citizen_name},")

    def closing(self, data: LetterHead) -> None:
        self.paragraph("Met vriendelijke groet,")
        self.paragraph(f"Parkeerloket gemeente {data.municipality}")
