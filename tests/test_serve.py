"""The HTTP API, exercised by a real HTTP client (httpx) against a uvicorn server running on loopback."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from newssift.serve import MAX_BODY, MAX_COMMENT_BYTES, create_app


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _analyze(base_url: str, payload: object, **kw: object) -> httpx.Response:
    return httpx.post(f"{base_url}/v1alpha1/comments:analyze", json=payload, timeout=30, **kw)  # type: ignore[arg-type]


def test_health(base_url: str) -> None:
    r = httpx.get(f"{base_url}/healthz", timeout=10)
    assert r.status_code == 200 and r.json()["status"] == "ok"


def test_perspective_request_and_response_shape(base_url: str) -> None:
    payload = {
        "comment": {"text": "You are a pathetic idiot. Have a nice day."},
        "requestedAttributes": {
            a: {} for a in ("TOXICITY", "SEVERE_TOXICITY", "IDENTITY_ATTACK", "INSULT", "PROFANITY", "THREAT")
        },
        "spanAnnotations": True,
        "languages": ["en"],
        "clientToken": "abc",
    }
    r = _analyze(base_url, payload)
    assert r.status_code == 200, r.text
    body = r.json()
    scores = body["attributeScores"]
    assert set(scores) == set(payload["requestedAttributes"])  # type: ignore[arg-type]
    for attr in scores.values():
        assert 0.0 <= attr["summaryScore"]["value"] <= 1.0 and attr["summaryScore"]["type"] == "PROBABILITY"
        assert attr["spanScores"], "spanAnnotations asks for span scores"
    assert scores["INSULT"]["summaryScore"]["value"] >= 0.5
    insult_spans = scores["INSULT"]["spanScores"]
    assert len(insult_spans) == 2
    first, second = insult_spans
    assert first["begin"] == 0 and first["score"]["value"] > second["score"]["value"]
    assert body["clientToken"] == "abc" and body["languages"] == ["en"]


def test_perspective_context_puts_the_parent_in_view(base_url: str) -> None:
    """Perspective's optional context: the comment is judged as a reply to the last entry, as /v1/moderate does."""
    reply = {"comment": {"text": "Exactly. Well said."}, "requestedAttributes": {"IDENTITY_ATTACK": {}}}
    alone = _analyze(base_url, reply)
    assert alone.status_code == 200, alone.text
    assert alone.json()["attributeScores"]["IDENTITY_ATTACK"]["summaryScore"]["value"] < 0.5
    context = {"entries": [{"text": "Thanks for the report."}, {"text": "Jews are vermin and should be thrown out."}]}
    in_thread = _analyze(base_url, {**reply, "context": context})
    assert in_thread.status_code == 200, in_thread.text
    assert in_thread.json()["attributeScores"]["IDENTITY_ATTACK"]["summaryScore"]["value"] >= 0.5
    for bad in ({"entries": "Jews are vermin"}, {"entries": [{"txt": "x"}]}, ["not", "an", "object"]):
        r = _analyze(base_url, {**reply, "context": bad})
        assert r.status_code == 400 and r.json()["error"]["code"] == 400, (bad, r.text)


def test_harmless_comment_scores_low(base_url: str) -> None:
    r = _analyze(
        base_url, {"comment": {"text": "Thanks for the clear report."}, "requestedAttributes": {"TOXICITY": {}}}
    )
    assert r.status_code == 200
    assert r.json()["attributeScores"]["TOXICITY"]["summaryScore"]["value"] < 0.3
    assert "spanScores" not in r.json()["attributeScores"]["TOXICITY"]


@pytest.mark.parametrize(
    ("body", "status", "needle"),
    [
        (b"{not json", 400, "Invalid JSON"),
        (b"[1, 2]", 400, "JSON object"),
        (b'{"requestedAttributes": {"TOXICITY": {}}}', 400, "comment.text"),
        (b'{"comment": {"text": "   "}, "requestedAttributes": {"TOXICITY": {}}}', 400, "non-empty"),
        (
            b'{"comment": {"text": "hello"}, "requestedAttributes": {"FLIRTATION": {}}}',
            400,
            "Unknown requested attribute",
        ),
        (b'{"comment": {"text": "hello"}, "requestedAttributes": {}}', 400, "requestedAttributes"),
        (
            b'{"comment": {"text": "hola"}, "requestedAttributes": {"TOXICITY": {}}, "languages": ["es"]}',
            400,
            "language",
        ),
    ],
)
def test_bad_requests_get_error_objects(base_url: str, body: bytes, status: int, needle: str) -> None:
    r = httpx.post(
        f"{base_url}/v1alpha1/comments:analyze", content=body, headers={"Content-Type": "application/json"}, timeout=30
    )
    assert r.status_code == status
    err = r.json()["error"]
    assert err["code"] == status and needle.lower() in err["message"].lower() and err["status"] == "INVALID_ARGUMENT"


def test_long_texts_are_refused_not_crashed(base_url: str) -> None:
    r = _analyze(
        base_url, {"comment": {"text": "a" * (MAX_COMMENT_BYTES + 1)}, "requestedAttributes": {"TOXICITY": {}}}
    )
    assert r.status_code == 400 and "too long" in r.json()["error"]["message"]
    # ~1 MB: under the body cap (MAX_BODY), so the JSON is read and the comment refused by Perspective's limit
    r = _analyze(base_url, {"comment": {"text": "word " * 210_000}, "requestedAttributes": {"TOXICITY": {}}})
    assert r.status_code == 400 and r.json()["error"]["details"][0]["errorType"] == "COMMENT_TOO_LONG"
    # over the body cap: refused by size before it is parsed
    r = _analyze(base_url, {"comment": {"text": "a" * MAX_BODY}, "requestedAttributes": {"TOXICITY": {}}})
    assert r.status_code == 413 and r.json()["error"]["details"][0]["errorType"] == "REQUEST_TOO_LARGE"


def test_wrong_method_and_path(base_url: str) -> None:
    r = httpx.get(f"{base_url}/v1alpha1/comments:analyze", timeout=10)
    assert r.status_code == 405 and r.json()["error"]["code"] == 405
    r = httpx.post(f"{base_url}/v1/nothing", json={}, timeout=10)
    assert r.status_code == 404 and "error" in r.json()


def test_newssift_moderate_endpoint_with_thread(base_url: str) -> None:
    comments = [
        {"id": "a", "text": "Jews are vermin and should be thrown out."},
        {"id": "b", "parent": "a", "text": "Exactly. Well said."},
        {"id": "c", "text": "Thanks for the article."},
    ]
    r = httpx.post(f"{base_url}/v1/moderate", json={"comments": comments}, timeout=30)
    assert r.status_code == 200, r.text
    results = {x["id"]: x for x in r.json()["results"]}
    assert results["a"]["action"] == "remove"
    hate = next(lab for lab in results["a"]["labels"] if lab["label"] == "hate")
    assert hate["target"] == "Jewish people" and hate["spans"]
    assert results["b"]["action"] in ("review", "remove")
    assert results["c"]["action"] == "allow"
    assert "warnings" not in r.json()
    # a parent that does not come before its reply, and an id given twice, are said, not passed over
    odd = [*comments, {"id": "d", "parent": "zz", "text": "Exactly."}, {"id": "a", "text": "Hello again."}]
    r = httpx.post(f"{base_url}/v1/moderate", json={"comments": odd}, timeout=30)
    assert r.status_code == 200, r.text
    assert [x["id"] for x in r.json()["results"]] == ["a", "b", "c", "d", "a"]
    assert r.json()["results"][3]["action"] == "allow"
    warnings = r.json()["warnings"]
    assert any("comment d" in w and "parent" in w for w in warnings) and any("id a given twice" in w for w in warnings)
    bad = httpx.post(f"{base_url}/v1/moderate", json={"comments": [{"id": 1}]}, timeout=10)
    assert bad.status_code == 400 and "text" in bad.json()["error"]["message"]
