"""The HTTP API, exercised by a real HTTP client (httpx) against a uvicorn server running on loopback (the Perspective
endpoints: tests/test_perspective.py)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from newssift.serve import create_app
from newssift.store import ReportStore

from .servers import serve_in_thread


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = ReportStore(tmp_path_factory.mktemp("serve") / "reports.sqlite3")
    with serve_in_thread(create_app(store=store)) as url:
        yield url


def test_health(base_url: str) -> None:
    r = httpx.get(f"{base_url}/healthz", timeout=10)
    assert r.status_code == 200 and r.json()["status"] == "ok"


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
