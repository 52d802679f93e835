"""What the API's routers share, kept on ``app.state`` and handed to each endpoint as a FastAPI dependency."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Request

from newssift.jobs import Analyses
from newssift.moderation.policy import Policy
from newssift.store import ReportStore


@dataclass(frozen=True)
class ServerState:
    """The moderation *policy* (loaded from *policy_path*, or the default one), the report *store*, the *jobs* that
    run analyses, the *corpus* claims are corroborated against, and whether URL analyses may fetch private
    addresses (*allow_private*); for Perspective's endpoints, the *api_keys* a request must give one of (None: any
    key, or none) and the file ``comments:suggestscore`` keeps suggestions in (*suggestions*; None: none kept)."""

    policy: Policy
    policy_path: Path | None
    corpus: Path | None
    allow_private: bool
    store: ReportStore
    jobs: Analyses
    api_keys: frozenset[str] | None = None
    suggestions: Path | None = None


def attach(app: FastAPI, state: ServerState) -> None:
    """Keep *state* on *app* (also ``app.state.store`` and ``app.state.jobs``); the jobs stop when the app does."""
    app.state.server = state
    app.state.store, app.state.jobs = state.store, state.jobs
    app.router.on_shutdown.append(state.jobs.shutdown)


async def server_state(request: Request) -> ServerState:  # async: resolved on the loop, no threadpool hop
    state: ServerState = request.app.state.server
    return state


Server = Annotated[ServerState, Depends(server_state)]
