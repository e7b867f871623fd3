"""PDF letter: the municipality rejected an application after reviewing the evidence."""

from __future__ import annotations

from dataclasses import dataclass

from backend.documents.letter import Letter, LetterHead


@dataclass(kw_only=True)
class RejectionLetter(LetterHead):
    subject: str            # "aanvraag bewonersvergunning" / "kentekenwijziging bewonersvergunning"
    reference: str
    plates: list[str]
    reason: str


def render_rejection_letter(data: RejectionLetter) -> bytes:
    pdf = Letter()
    pdf.set_title(pdf.text_of(f"Besluit {data.reference}"))
    pdf.opening(data, f"Besluit op uw {data.subject} {data.reference}")
    pdf.paragraph(f"Wij hebben uw {data.subject} en uw bewijsstuk beoordeeld. "
                  "Wij wijzen de aanvraag af.")
    pdf.table([("Aanvraagnummer", data.reference), ("Kenteken(s)", ", ".join(data.plates) or "-"),
               ("Reden", data.reason)])
    pdf.paragraph("U kunt een nieuwe aanvraag doen met een ander bewijsstuk. "
                  f"Heeft u vragen? Bel ons op {data.municipality_phone}.")
    pdf.closing(data)
    return bytes(pdf.output())
