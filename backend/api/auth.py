"""The action server authenticates with a shared bearer token."""

from __future__ import annotations

import hmac

from sanic import response


async def require_actions_token(request):
    expected = f"Bearer {request.app.ctx.settings.actions_api_token}"
    given = request.headers.get("authorization", "")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        return response.json({"error": "unauthorized", "params": {}}, status=401)
