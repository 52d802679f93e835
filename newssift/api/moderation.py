"""``POST /v1/moderate``: newssift's labels, evidence spans, targets, reasons and policy action for a thread."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from newssift.api.body import MAX_BATCH, MAX_COMMENT_BYTES, json_body, moderation_thread
from newssift.api.errors import ApiError
from newssift.api.state import Server
from newssift.moderation import Comment, StreamMemo, moderate_stream

router = APIRouter()


def _comments(data: Any) -> list[Comment]:
    """The request's ``comments``, checked: 1 to :data:`MAX_BATCH` of them, each with a non-empty ``text``."""
    comments = data.get("comments") if isinstance(data, dict) else None
    if not isinstance(comments, list) or not comments:
        raise ApiError(400, 'Expected {"comments": [{"id": ..., "text": ..., "parent": ...}, ...]}.')
    if len(comments) > MAX_BATCH:
        raise ApiError(400, f"At most {MAX_BATCH} comments per request.")
    batch: list[Comment] = []
    for n, c in enumerate(comments):
        if not isinstance(c, dict) or not isinstance(c.get("text"), str) or not c["text"].strip():
            raise ApiError(400, f"comments[{n}].text is required and must be a non-empty string.")
        if len(c["text"].encode("utf-8")) > MAX_COMMENT_BYTES:
            raise ApiError(400, f"comments[{n}].text is longer than {MAX_COMMENT_BYTES} bytes.", "COMMENT_TOO_LONG")
        parent = c.get("parent")
        batch.append(Comment(str(c.get("id", n)), c["text"], None if parent is None else str(parent)))
    return batch


def _warnings(memo: StreamMemo) -> list[str]:
    """What the request had that the verdicts alone do not say (the CLI prints the same on stderr)."""
    warnings = [f"comment {cid}: its parent does not come before it; judged without it" for cid in memo.unknown_parents]
    warnings += [
        f"comment id {cid} given twice; replies to it are judged with the latest" for cid in memo.duplicate_ids
    ]
    return warnings


@router.post("/v1/moderate")
async def moderate_comments(request: Request, server: Server) -> JSONResponse:
    batch = _comments(await json_body(request))
    memo = StreamMemo()
    policy = server.policy
    judged = await moderation_thread(
        lambda: list(moderate_stream(batch, policy=policy, batch_size=MAX_BATCH, memo=memo))
    )
    results = [{"id": comment.id, **result.model_dump(mode="json")} for comment, result in judged]
    body: dict[str, Any] = {"results": results}
    warnings = _warnings(memo)
    if warnings:
        body["warnings"] = warnings
    return JSONResponse(body)
