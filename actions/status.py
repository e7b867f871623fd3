"""Journey "lopende aanvragen": the status of open applications."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import backend_client as backend
from actions.buttons import more_button
from actions.common import list_offset
from actions.gate import GatedJourneyAction
from actions.i18n import DUTCH, Texts, texts

PENDING = "list_applications"
INTENT = "list_pending_applications"


def application_line(application: dict, short: bool = False, t: Texts = DUTCH) -> str:
    """ "A-2026-000001 bewonersvergunning: Wacht op betaling. Betaal de aanvraag in de winkelwagen."
    (`short`: without what still has to happen, but with the reason of a rejection, which
    stays as the municipality wrote it)."""
    line = t("application_line", reference=application.get("reference"), product=t.product_of(application),
             status=t.status(application))
    todo = t.todo(application)
    if short:
        reason = (application.get("rejection_reason") or "").strip()
        return f"{line} {t('rejection_reason', reason=reason)}" if reason else line
    return f"{line} {todo}" if todo else line


async def list_applications(dispatcher: CollectingDispatcher, tracker: Tracker,
                            citizen: dict | None = None) -> list[dict]:
    """Tell the logged-in citizen their open applications, 5 at a time (also after the login event)."""
    t = texts(tracker)
    offset = list_offset(tracker)
    page = await backend.applications(tracker.sender_id, "open", offset)
    applications = page["applications"]
    if not applications:
        dispatcher.utter_message(response="utter_applications_none" if offset == 0 else "utter_list_end")
        return []
    buttons = [more_button(INTENT, page["next_offset"], t)] if page["next_offset"] is not None else []
    dispatcher.utter_message(response="utter_applications_list" if offset == 0 else "utter_applications_more",
                             lines="\n".join(application_line(a, t=t) for a in applications), buttons=buttons)
    return []


class ActionListApplications(GatedJourneyAction):
    pending = PENDING
    login_response = "utter_login_required_status"
    journey = staticmethod(list_applications)

    def name(self) -> str:
        return "action_list_applications"
