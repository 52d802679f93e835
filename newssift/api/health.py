"""``GET /healthz``: the server is up, with its version and the moderation policy's name."""

from __future__ import annotations

from fastapi import APIRouter

from newssift import __version__
from newssift.api.state import Server

router = APIRouter()


@router.get("/healthz")
async def healthz(server: Server) -> dict[str, str]:
    return {"status": "ok", "version": __version__, "policy": server.policy.name}
