"""Documenten: a product's uploaded evidence and our letters, as signed links."""

from __future__ import annotations

from sanic import response

from backend.api.deps import journey_blueprint, logged_in
from backend.services import lists

bp = journey_blueprint("documents")


@bp.get("/products/<permit_id:int>/documents")
async def product_documents(request, sid: str, permit_id: int):
    async with logged_in(request, sid, permit_id=permit_id) as (db, citizen):
        return response.json(await lists.documents(request.app, db, citizen, permit_id))
