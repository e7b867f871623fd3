"""mijn.2park account and link: which of a citizen's products are linked and how, the
e-mail with the link after a grant, the link page's steps, and the link a DigiD or
eHerkenning login makes by itself.

The e-mail link (/mijn2park/link/<token>) is signed for the purpose "mijn2park_link",
expires (settings.mijn2park_link_ttl) and works once (UsedToken on the link). A
conversation logged in with DigiD or eHerkenning has proved who the holder is: its
products that need a link are linked (method "digid" or "eherkenning", as it logged in)
when it reads its products or a product's plates (`link_by_login`), and a product it pays
for is linked in the grant's transaction (`link_on_grant`: then no e-mail is sent).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.db.account_models import Mijn2parkAccount, ProductLink
from backend.db.models import Citizen, Conversation, Document, Permit, UsedToken
from backend.domain import mijn2park as rules
from backend.domain.passwords import hash_password
from backend.domain.statuses import PermitStatus
from backend.services.mail import citizen_mail, send_and_record
from backend.services.tokens import BadToken

log = logging.getLogger(__name__)
PURPOSE = "mijn2park_link"


def needs_link(permit: Permit) -> bool:
    return rules.needs_link(permit.product_code, len(permit.plates))


async def methods(db: AsyncSession, permit_ids: list[int]) -> dict[int, str]:
    """permit id → link method, for the linked ones among `permit_ids`."""
    if not permit_ids:
        return {}
    rows = await db.execute(select(ProductLink.permit_id, ProductLink.method)
                            .where(ProductLink.permit_id.in_(permit_ids)))
    return dict(rows.all())


def status(permit: Permit, linked: dict[int, str]) -> dict | None:
    """{"needed", "linked", "method"} for a product that needs a link, else None."""
    return rules.link_json(True, linked.get(permit.id)) if needs_link(permit) else None


async def account_for(db: AsyncSession, email: str) -> Mijn2parkAccount | None:
    return await db.scalar(select(Mijn2parkAccount).where(
        Mijn2parkAccount.email == rules.normalize_email(email)))


async def _add_link(db: AsyncSession, permit_id: int, account_id: int | None, method: str) -> bool:
    """Link the product unless it is linked already (also by a request at the same moment)."""
    try:
        async with db.begin_nested():
            db.add(ProductLink(permit_id=permit_id, account_id=account_id, method=method))
        return True
    except IntegrityError:
        return False


async def link_by_login(db: AsyncSession, citizen: Citizen, login_method: str | None) -> bool:
    """A DigiD/eHerkenning conversation: link the citizen's current products that need it.
    True when it linked one (the caller commits)."""
    if not rules.links_on_login(login_method):
        return False
    permits = [p for p in await db.scalars(select(Permit).where(
        Permit.citizen_id == citizen.id, Permit.status == PermitStatus.ACTIVE)) if needs_link(p)]
    linked = await methods(db, [p.id for p in permits])
    todo = [p for p in permits if p.id not in linked]
    if not todo:
        return False
    account = await account_for(db, citizen.email)
    added = [await _add_link(db, permit.id, account.id if account else None, login_method) for permit in todo]
    return any(added)


async def link_on_grant(db: AsyncSession, permit: Permit, conversation_sid: str | None) -> bool:
    """A permit just granted (in the grant's transaction): linked at once when the paying
    conversation is still logged in as its holder with DigiD or eHerkenning. True when linked."""
    conv = await db.get(Conversation, conversation_sid) if conversation_sid else None
    if (conv is None or conv.citizen_id != permit.citizen_id or not rules.links_on_login(conv.login_method)
            or not needs_link(permit)):
        return False
    account = await account_for(db, conv.citizen.email)
    return await _add_link(db, permit.id, account.id if account else None, conv.login_method)


# The e-mail after a grant

def link_url(app, permit: Permit) -> str:
    token = app.ctx.signer.sign(PURPOSE, {"p": permit.id, "c": permit.citizen_id, "j": secrets.token_hex(8)})
    return f"{app.ctx.settings.public_base_url}/mijn2park/link/{token}"


async def offer_link(app, document_id: int | None) -> None:
    """After a grant or a second plate (the letter `document_id` about the permit): the
    e-mail with the link, when the product needs one and is not linked yet."""
    if document_id is None:
        return
    async with app.ctx.sessionmaker.begin() as db:
        doc = await db.get(Document, document_id)
        permit = await db.get(Permit, doc.permit_id) if doc and doc.permit_id else None
        if permit is None or not needs_link(permit) or (await methods(db, [permit.id])):
            return
        citizen = await db.get(Citizen, permit.citizen_id)
        why = ("Bezoek parkeert op uw bezoekersvergunning via mijn.2park." if not permit.product.needs_plate else
               "Er staan 2 kentekens op uw vergunning. Er mag 1 auto tegelijk parkeren: het actieve kenteken.")
        text = (f"{why} Koppel uw {permit.product.name} {permit.number} aan een mijn.2park-account "
                f"met deze link:\n{link_url(app, permit)}\n\n"
                "Heeft u nog geen account? Dan maakt u er een met dit e-mailadres als gebruikersnaam. "
                "De link werkt één keer. Bent u in de chat ingelogd met DigiD of eHerkenning? Dan is "
                "uw product daar al gekoppeld.")
        if permit.product.needs_plate:
            text += " Het actieve kenteken wisselt u in de chat: zeg 'kenteken wisselen'."
        mail = citizen_mail(app.ctx.settings, citizen,
                            f"Koppel uw {permit.product.name} {permit.number} aan mijn.2park", text)
        citizen_id = citizen.id
    await send_and_record(app, citizen_id, mail)


# The link page

@dataclass(frozen=True)
class LinkPage:
    """What the page shows for a valid link: whose product, and whether it is linked."""
    jti: str
    permit_id: int
    number: str
    product_name: str
    email: str
    method: str | None           # linked already: how
    has_account: bool
    needs_plate: bool = True     # False for a bezoekersvergunning (no active plate to choose)


class LinkUnusable(Exception):
    """The link is forged, expired, used, or its product is gone or ended."""


def claims(app, token: str) -> dict:
    try:
        found = app.ctx.signer.load(PURPOSE, token, app.ctx.settings.mijn2park_link_ttl)
    except BadToken:
        raise LinkUnusable() from None
    if not all(k in found for k in ("p", "c", "j")):
        raise LinkUnusable()
    return found


async def page(app, token: str) -> LinkPage:
    found = claims(app, token)
    async with app.ctx.sessionmaker() as db:
        permit = await db.get(Permit, found["p"])
        if permit is None or permit.citizen_id != found["c"] or permit.status != PermitStatus.ACTIVE:
            raise LinkUnusable()
        # A used link is always one of a linked product (the UsedToken and the link are one
        # transaction in `link`), so it only says "linked"; UsedToken stops a second use at once.
        method = (await methods(db, [permit.id])).get(permit.id)
        citizen = await db.get(Citizen, permit.citizen_id)
        email = rules.normalize_email(citizen.email)
        return LinkPage(found["j"], permit.id, permit.number, permit.product.name, email, method,
                        await account_for(db, email) is not None, permit.product.needs_plate)


async def link(app, token: str, password: str | None = None) -> str:
    """Link the product of the link: to the existing account of the holder's e-mail, or
    (with `password`, checked by the caller) to a new one. Returns the method; raises
    LinkUnusable when the link was used meanwhile."""
    state = await page(app, token)
    if state.method is not None:
        return state.method
    hashed = await asyncio.to_thread(hash_password, password) if password is not None else None
    try:
        async with app.ctx.sessionmaker.begin() as db:
            db.add(UsedToken(jti=state.jti))            # a second use fails on the key
            account = await account_for(db, state.email)
            method = "existing_account"
            if account is None:
                if hashed is None:
                    raise LinkUnusable()
                account = Mijn2parkAccount(email=state.email, password_hash=hashed)
                db.add(account)
                method = "email_link"
            await db.flush()
            if not await _add_link(db, state.permit_id, account.id, method):
                raise LinkUnusable()
    except IntegrityError:
        raise LinkUnusable() from None
    log.info("product %s linked to mijn.2park (%s)", state.permit_id, method)
    return method
