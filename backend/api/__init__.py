"""JSON routes: one blueprint per journey for the action server (all under
/api/conversations/<sid>, behind the actions token), the jobs trigger, the PSP webhook and the
enforcement officers' check (backend/api/enforcement.py, own key)."""

from backend.api import (
    active_plate,
    applications,
    cart,
    change_plate,
    documents,
    handoff,
    parking,
    products,
    renewals,
    session,
    termination,
    top_up,
)

# The action server's routes, one blueprint per journey (registered by backend/app.py).
CONVERSATION_BLUEPRINTS = tuple(m.bp for m in (
    session, applications, products, cart, change_plate, termination, documents, renewals, handoff,
    parking,
    active_plate, top_up))
