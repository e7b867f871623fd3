"""Winkelwagen: the cart, taking an item out, one payment link for all, the payment's result."""

from __future__ import annotations

from sanic import response

from backend.api.deps import body, bound_citizen, channel, journey_blueprint, logged_in
from backend.services import payments

bp = journey_blueprint("cart")


@bp.get("/cart")
async def get_cart(request, sid: str):
    async with logged_in(request, sid) as (db, citizen):
        return response.json(await payments.cart(db, citizen))


@bp.delete("/cart/items/<item_id:int>")
async def remove_cart_item(request, sid: str, item_id: int):
    citizen = await bound_citizen(request, sid)
    return response.json(await payments.remove_cart_item(request.app, citizen, item_id))


@bp.post("/cart/checkout")
async def checkout(request, sid: str):
    data = body(request)
    citizen = await bound_citizen(request, sid)
    return response.json(await payments.checkout(request.app, citizen, sid, channel(data)), status=201)


@bp.get("/payments/<payment_id:int>")
async def get_payment(request, sid: str, payment_id: int):
    async with logged_in(request, sid) as (db, citizen):
        return response.json(await payments.payment_view(request.app, db, citizen, payment_id))
