"""Pages a citizen opens from a chat link: evidence upload, document download, payment return."""

from __future__ import annotations

from sanic import Blueprint, response
from sqlalchemy import select

from backend.db.models import Application, Document, Payment
from backend.domain.statuses import ApplicationStatus, PaymentStatus
from backend.domain.uploads import EXTENSIONS, check_upload
from backend.html import esc, html_page, message
from backend.services.notify import notify
from backend.services.tokens import BadToken

bp = Blueprint("citizen_pages")

UPLOAD_ERRORS = {
    "file_empty": "U heeft geen bestand gekozen.",
    "file_too_large": "Het bestand is te groot. Het mag maximaal 10 MB zijn.",
    "file_type": "Dit bestand is geen geldige PDF, JPG of PNG. Stuur een PDF, JPG of PNG.",
}


def _upload_form(token: str, error: str | None = None, status: int = 200):
    err = f'<p class="error" role="alert">{esc(error)}</p>' if error else ""
    body = (f"{err}<p>Stuur een bewijsstuk dat u de gebruiker van de auto bent, bijvoorbeeld het "
            "kentekenbewijs van uw partner, het leasecontract of een verklaring van de garage.</p>"
            f'<form method="post" action="/upload?t={esc(token)}" enctype="multipart/form-data">'
            '<label for="file">Bestand (PDF, JPG of PNG, maximaal 10 MB)</label>'
            '<input type="file" id="file" name="file" accept=".pdf,.jpg,.jpeg,.png" required>'
            '<br><button type="submit">Versturen</button></form>')
    return html_page("Bewijsstuk toevoegen", body, status)


def _upload_claims(request) -> dict | None:
    ctx = request.app.ctx
    try:
        return ctx.signer.load("upload", request.args.get("t", ""), ctx.settings.upload_link_ttl)
    except BadToken:
        return None


@bp.get("/upload")
async def upload_page(request):
    claims = _upload_claims(request)
    if claims is None:
        return message("Link verlopen", "Deze link is verlopen of ongeldig. Vraag in de chat een nieuwe link.",
                       410, "error")
    async with request.app.ctx.sessionmaker() as db:
        application = await db.get(Application, claims["a"])
    if application is None or application.status != ApplicationStatus.AWAITING_EVIDENCE:
        return message("Al ontvangen", "Voor deze aanvraag hoeft u geen bewijsstuk meer te sturen.", 409, "error")
    return _upload_form(request.args.get("t", ""))


@bp.post("/upload")
async def upload_submit(request):
    claims = _upload_claims(request)
    token = request.args.get("t", "")
    if claims is None:
        return message("Link verlopen", "Deze link is verlopen of ongeldig. Vraag in de chat een nieuwe link.",
                       410, "error")
    ctx = request.app.ctx
    upload = request.files.get("file") if request.files else None
    data = upload.body if upload else b""
    mime, error = check_upload(data, ctx.settings.max_upload_bytes)
    if error:
        return _upload_form(token, UPLOAD_ERRORS[error], 413 if error == "file_too_large" else 415)
    async with ctx.sessionmaker.begin() as db:
        application = await db.get(Application, claims["a"], with_for_update={"of": Application})
        if application is None or application.citizen_id != claims["c"] \
                or application.status != ApplicationStatus.AWAITING_EVIDENCE:
            return message("Al ontvangen", "Voor deze aanvraag hoeft u geen bewijsstuk meer te sturen.",
                           409, "error")
        db.add(Document(citizen_id=application.citizen_id, application_id=application.id, kind="evidence",
                        title=f"Bewijsstuk aanvraag {application.reference}",
                        filename=f"bewijsstuk-{application.reference}.{EXTENSIONS[mime]}",
                        mime=mime, size=len(data), content=data))
        application.status = ApplicationStatus.IN_REVIEW
        sid, reference = application.conversation_sid, application.reference
    await notify(request.app, sid, "EXTERNAL_evidence_received", {"application_reference": reference})
    return message("Bewijsstuk ontvangen",
                   f"Bedankt. Wij hebben uw bewijsstuk voor aanvraag {reference} ontvangen. "
                   "De gemeente beoordeelt het. U hoort het resultaat in de chat.")


@bp.get("/documents/<token>")
async def document(request, token: str):
    ctx = request.app.ctx
    try:
        claims = ctx.signer.load("document", token, ctx.settings.document_link_ttl)
    except BadToken:
        return message("Link verlopen", "Deze link is verlopen of ongeldig. Vraag in de chat een nieuwe link.",
                       410, "error")
    async with ctx.sessionmaker() as db:
        doc = await db.get(Document, claims["d"])
    if doc is None or doc.citizen_id != claims["c"]:
        return message("Niet gevonden", "Dit document bestaat niet.", 404, "error")
    return response.raw(doc.content, content_type=doc.mime, headers={
        "Content-Disposition": f'inline; filename="{doc.filename}"', "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff"})


PAY_LINK_STATES = {
    PaymentStatus.PAID: ("Betaling al afgerond", "Deze betaling is al afgerond. Er wordt niets meer afgeschreven."),
    PaymentStatus.SUPERSEDED: ("Link niet meer geldig", "Uw winkelwagen is veranderd sinds deze betaallink is gemaakt, "
                   "of er is een nieuwere link. Er wordt niets afgeschreven. Vraag in de chat een nieuwe "
                   "betaallink."),
}


@bp.get("/pay/<reference>")
async def pay(request, reference: str):
    """The payment link in the chat: on to the bank only while it still covers the cart."""
    async with request.app.ctx.sessionmaker() as db:
        payment = await db.scalar(select(Payment).where(Payment.reference == reference))
    if payment is None:
        return message("Onbekende betaling", "Deze betaallink kennen wij niet.", 404, "error")
    if payment.status == PaymentStatus.OPEN and payment.checkout_url:
        return response.redirect(payment.checkout_url, status=303)
    if payment.purpose == "top_up" and payment.status == PaymentStatus.SUPERSEDED:
        return message("Link niet meer geldig", "Er is een nieuwere betaallink voor uw parkeertegoed, of uw "
                       "bezoekersvergunning is beëindigd. Er wordt niets afgeschreven.", 409, "error")
    title, text = PAY_LINK_STATES.get(payment.status, (
        "Betaling al afgerond", "Deze betaling is al afgerond en niet gelukt. Er is niets afgeschreven. "
        "Vraag in de chat een nieuwe betaallink."))
    return message(title, text, 409, "error")


@bp.get("/payment/return/<reference>")
async def payment_return(request, reference: str):
    """Where the PSP sends the citizen back. The webhook decides; this page only reports."""
    async with request.app.ctx.sessionmaker() as db:
        payment = await db.scalar(select(Payment).where(Payment.reference == reference))
    if payment is None:
        return message("Onbekende betaling", "Deze betaling kennen wij niet.", 404, "error")
    texts = {
        PaymentStatus.PAID: ("Betaling ontvangen", "Uw betaling is ontvangen. Ga terug naar de chat; daar vindt u uw "
                 "vergunning en betaalbewijs."),
        PaymentStatus.OPEN: ("Betaling wordt verwerkt", "Wij hebben nog geen bericht van uw bank. Ga terug naar de chat; "
                 "u hoort daar of de betaling gelukt is."),
    }
    if payment.purpose == "top_up":
        texts[PaymentStatus.PAID] = ("Betaling ontvangen", "Uw betaling is ontvangen. Het bedrag wordt bijgeschreven "
                                     "op uw parkeertegoed. Ga terug naar de chat; daar ziet u uw nieuwe tegoed.")
    title, text = texts.get(payment.status, (
        "Betaling niet gelukt", "De betaling is niet gelukt. Er is niets afgeschreven. Ga terug naar de chat "
        "voor een nieuwe betaallink."))
    return message(title, text, kind="ok" if payment.status == PaymentStatus.PAID else "error")
