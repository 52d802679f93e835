"""Perspective's contract (newssift.perspective), field by field, against a uvicorn server running on loopback."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from newssift.errors import InputError
from newssift.perspective import (
    MAX_SPAN_PIECES,
    detect_languages,
    html_text,
    load_api_keys,
    span_pieces,
    utf16_offset,
)
from newssift.serve import MAX_BODY, MAX_COMMENT_BYTES, create_app

from .servers import serve_in_thread

KEY = "test-key-0123456789"


def _serve(app: Any) -> Iterator[str]:
    with serve_in_thread(app) as url:
        yield url


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(create_app())


@pytest.fixture(scope="module")
def keyed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server that checks API keys and keeps suggestions."""
    log = tmp_path_factory.mktemp("suggestions") / "suggestions.jsonl"
    for url in _serve(create_app(api_keys=frozenset({KEY}), suggestions=log)):
        yield url, log


def _analyze(base_url: str, payload: object, **kw: Any) -> httpx.Response:
    return httpx.post(f"{base_url}/v1alpha1/comments:analyze", json=payload, timeout=60, **kw)


def _error(r: httpx.Response, code: int = 400) -> dict[str, Any]:
    assert r.status_code == code, r.text
    err: dict[str, Any] = r.json()["error"]
    assert err["code"] == code
    return err


def _utf16(text: str, begin: int, end: int) -> str:
    return text.encode("utf-16-le")[2 * begin : 2 * end].decode("utf-16-le")


ALL = ("TOXICITY", "SEVERE_TOXICITY", "IDENTITY_ATTACK", "INSULT", "PROFANITY", "THREAT")


def test_every_request_field_and_every_response_field(base_url: str) -> None:
    payload = {
        "comment": {"text": "Thanks for the report. You are a pathetic idiot.", "type": "PLAIN_TEXT"},
        "context": {"entries": [{"text": "Here is the story.", "type": "PLAIN_TEXT"}]},
        "requestedAttributes": {a: {"scoreType": "PROBABILITY", "scoreThreshold": 0.0} for a in ALL},
        "spanAnnotations": True,
        "languages": ["en"],
        "doNotStore": True,
        "clientToken": "token-1",
        "sessionId": "session-1",
        "communityId": "community-1",
        "dropUnsupportedAttributes": False,
    }
    r = _analyze(base_url, payload)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"attributeScores", "languages", "detectedLanguages", "clientToken"}
    assert body["clientToken"] == "token-1" and body["languages"] == ["en"] and body["detectedLanguages"][0] == "en"
    assert set(body["attributeScores"]) == set(ALL)
    for scores in body["attributeScores"].values():
        assert set(scores) == {"summaryScore", "spanScores"}
        assert scores["summaryScore"]["type"] == "PROBABILITY" and 0 <= scores["summaryScore"]["value"] <= 1
        assert [(s["begin"], s["end"]) for s in scores["spanScores"]] == [(0, 23), (23, 48)]
    insult = body["attributeScores"]["INSULT"]
    assert insult["summaryScore"]["value"] >= 0.5
    assert insult["spanScores"][1]["score"]["value"] > insult["spanScores"][0]["score"]["value"]
    # snake_case names, as Google's JSON mapping accepts them, are the same request
    snake = {
        "comment": payload["comment"],
        "requested_attributes": {a: {"score_type": "PROBABILITY", "score_threshold": 0.0} for a in ALL},
        "span_annotations": True,
        "languages": ["en"],
        "client_token": "token-1",
        "do_not_store": True,
    }
    again = _analyze(base_url, snake)
    assert again.status_code == 200, again.text
    assert again.json()["attributeScores"] == body["attributeScores"]
    # without spanAnnotations: summary only; without languages: the detected one; without clientToken: none
    plain = _analyze(base_url, {"comment": {"text": "Thanks for the report."}, "requestedAttributes": {"TOXICITY": {}}})
    assert plain.status_code == 200, plain.text
    assert plain.json()["languages"] == ["en"] and "clientToken" not in plain.json()
    assert plain.json()["attributeScores"]["TOXICITY"]["summaryScore"]["value"] < 0.3
    assert set(plain.json()["attributeScores"]["TOXICITY"]) == {"summaryScore"}


def test_span_offsets_count_utf16_code_units(base_url: str) -> None:
    # two emoji (two UTF-16 units each), a flag (two code points, four units), combining marks (one unit each)
    text = "😀😀 Thanks, cafe\u0301 owner 🇩🇪. You are a stupid idiot. Noe\u0308l was right."
    r = _analyze(base_url, {"comment": {"text": text}, "requestedAttributes": {"INSULT": {}}, "spanAnnotations": True})
    assert r.status_code == 200, r.text
    spans = r.json()["attributeScores"]["INSULT"]["spanScores"]
    pieces = [_utf16(text, s["begin"], s["end"]).strip() for s in spans]
    assert pieces == ["😀😀 Thanks, cafe\u0301 owner 🇩🇪.", "You are a stupid idiot.", "Noe\u0308l was right."]
    assert spans[-1]["end"] == len(text.encode("utf-16-le")) // 2 == len(text) + 4
    assert max(spans, key=lambda s: s["score"]["value"]) is spans[1]
    assert utf16_offset("a😀b", 2) == 3 and utf16_offset("e\u0301x", 2) == 2


def test_html_comments_are_read_as_text_with_offsets_into_the_html(base_url: str) -> None:
    raw = "<p>Thanks &amp; welcome 😀.</p><p>You are a <b>stupid</b> idiot.</p>"
    assert html_text(raw).plain.split() == ["Thanks", "&", "welcome", "😀.", "You", "are", "a", "stupid", "idiot."]
    payload = {"comment": {"text": raw, "type": "HTML"}, "requestedAttributes": {"INSULT": {}}, "spanAnnotations": True}
    r = _analyze(base_url, payload)
    assert r.status_code == 200, r.text
    spans = r.json()["attributeScores"]["INSULT"]["spanScores"]
    # each span is a sentence of the text with the tags after it, given as offsets into the HTML
    assert [_utf16(raw, s["begin"], s["end"]) for s in spans] == [
        "Thanks &amp; welcome 😀.</p><p>",
        "You are a <b>stupid</b> idiot.</p>",
    ]
    assert spans[-1]["score"]["value"] >= 0.5 > spans[0]["score"]["value"]
    bad = _analyze(base_url, {"comment": {"text": "hi", "type": "MARKDOWN"}, "requestedAttributes": {"TOXICITY": {}}})
    assert "comment.type" in _error(bad)["message"] and "MARKDOWN" in _error(bad)["message"]
    only_tags = _analyze(
        base_url, {"comment": {"text": "<p> </p>", "type": "HTML"}, "requestedAttributes": {"TOXICITY": {}}}
    )
    assert _error(only_tags)["message"] == "Comment must be non-empty."


def test_html_text_drops_markup_and_never_rescans() -> None:
    html = "<p>Thanks &amp; welcome</p><!-- hidden --><script>alert('x')</script><STYLE>p{}</style >You <b>idiot</b>."
    text = html_text(html)
    assert text.plain == "\nThanks & welcome\nYou idiot." and len(text.starts) == len(text.ends) == len(text.plain)
    assert html[text.starts[8] : text.ends[8]] == "&amp;"  # the '&' stands for the whole reference
    # unclosed comments, scripts and tags, and bare '<' and '&': linear (each was 0.5-1.3 s with a backtracking regex)
    for hostile in ("<!--" * 5120, "<script>" * 2560, "<" * 20480, "<a" * 10240, "&#x" * 6826):
        started = time.perf_counter()
        html_text(hostile)
        assert time.perf_counter() - started < 0.25, hostile[:8]


def test_context_entries_and_article_and_parent_comment(base_url: str) -> None:
    reply = {"comment": {"text": "Exactly. Well said."}, "requestedAttributes": {"IDENTITY_ATTACK": {}}}
    hateful = {"text": "Jews are vermin and should be thrown out."}

    def identity_attack(context: object) -> float:
        r = _analyze(base_url, {**reply, "context": context} if context else reply)
        assert r.status_code == 200, r.text
        return float(r.json()["attributeScores"]["IDENTITY_ATTACK"]["summaryScore"]["value"])

    assert identity_attack(None) < 0.5
    assert identity_attack({"entries": [{"text": "Thanks for the report."}, hateful]}) >= 0.5
    article = {"text": "A report on the council meeting.", "type": "PLAIN_TEXT"}
    assert identity_attack({"articleAndParentComment": {"article": article, "parentComment": hateful}}) >= 0.5
    assert identity_attack({"articleAndParentComment": {"article": article}}) < 0.5
    both = {"entries": [hateful], "articleAndParentComment": {"parentComment": hateful}}
    err = _error(_analyze(base_url, {**reply, "context": both}))
    assert err["message"] == "Context can have either entries or article_and_parent_comment, but both were populated."
    for bad in ({"entries": "text"}, {"entries": [{"txt": "x"}]}, ["not", "an", "object"]):
        assert _error(_analyze(base_url, {**reply, "context": bad}))["status"] == "INVALID_ARGUMENT"


def test_score_threshold_and_score_type(base_url: str) -> None:
    def scores(text: str, params: dict[str, Any], **extra: Any) -> httpx.Response:
        return _analyze(base_url, {"comment": {"text": text}, "requestedAttributes": {"INSULT": params}, **extra})

    harmless = scores("Thanks for the clear report.", {"scoreThreshold": 0.5})
    assert harmless.status_code == 200 and harmless.json()["attributeScores"] == {}
    insult = scores("Thanks for the report. You are a stupid idiot.", {"scoreThreshold": 0.5}, spanAnnotations=True)
    spans = insult.json()["attributeScores"]["INSULT"]["spanScores"]
    assert len(spans) == 1 and spans[0]["begin"] == 23 and spans[0]["score"]["value"] >= 0.5
    assert scores("hello", {"scoreType": "SCORE_TYPE_UNSPECIFIED"}).status_code == 200
    raw = _error(scores("hello", {"scoreType": "RAW"}))
    assert raw["message"] == "Requested score type RAW is not supported by attribute INSULT"
    assert "score_type" in _error(scores("hello", {"scoreType": "LOUD"}))["message"]
    assert "score_threshold" in _error(scores("hello", {"scoreThreshold": "high"}))["message"]
    assert "Unknown name" in _error(scores("hello", {"threshold": 0.5}))["message"]


def test_languages_detected_languages_and_unsupported_attributes(base_url: str) -> None:
    german = "Du bist ein Idiot und ich hasse dich, das ist nicht in Ordnung."
    assert detect_languages(german)[0] == "de" and detect_languages("fools!") == ["en"]
    assert detect_languages("Ты идиот") == ["ru"]
    err = _error(_analyze(base_url, {"comment": {"text": german}, "requestedAttributes": {"TOXICITY": {}}}))
    assert err["message"] == "Attribute TOXICITY does not support request languages: de"
    detail = err["details"][0]
    assert detail["errorType"] == "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE"
    assert detail["languageNotSupportedByAttributeError"] == {"detectedLanguages": ["de"], "attribute": "TOXICITY"}
    asked = {"comment": {"text": "hello there"}, "requestedAttributes": {"TOXICITY": {}}, "languages": ["de"]}
    detail = _error(_analyze(base_url, asked))["details"][0]["languageNotSupportedByAttributeError"]
    assert detail == {"requestedLanguages": ["de"], "attribute": "TOXICITY"}
    us = _analyze(base_url, {**asked, "languages": ["en-US"]})
    assert us.status_code == 200 and us.json()["languages"] == ["en-US"]
    # an attribute Perspective lists that newssift cannot score: refused as an unsupported language, or dropped
    mixed = {"comment": {"text": "hello there"}, "requestedAttributes": {"TOXICITY": {}, "FLIRTATION": {}}}
    assert _error(_analyze(base_url, mixed))["message"] == "Attribute FLIRTATION does not support request languages: en"
    dropped = _analyze(base_url, {**mixed, "dropUnsupportedAttributes": True})
    assert dropped.status_code == 200 and set(dropped.json()["attributeScores"]) == {"TOXICITY"}
    none_left = _analyze(base_url, {**asked, "dropUnsupportedAttributes": True})
    assert none_left.status_code == 200 and none_left.json()["attributeScores"] == {}
    for attr in ("SPAM", "OBSCENE", "TOXICITY_EXPERIMENTAL", "THREAT_EXPERIMENTAL"):
        r = _analyze(base_url, {"comment": {"text": "hello"}, "requestedAttributes": {attr: {}}})
        assert r.status_code == 200 and attr in r.json()["attributeScores"], r.text
    unknown = {"comment": {"text": "hello"}, "requestedAttributes": {"toxicity": {}}}
    assert _error(_analyze(base_url, unknown))["message"] == "Unknown requested attribute: toxicity"


def test_booleans_strings_and_unknown_fields(base_url: str) -> None:
    base = {"comment": {"text": "One. Two, you idiot."}, "requestedAttributes": {"TOXICITY": {}}}
    off = _analyze(base_url, {**base, "spanAnnotations": "false"})
    assert off.status_code == 200 and "spanScores" not in off.json()["attributeScores"]["TOXICITY"]
    on = _analyze(base_url, {**base, "spanAnnotations": "true"})
    assert len(on.json()["attributeScores"]["TOXICITY"]["spanScores"]) == 2
    assert "span_annotations" in _error(_analyze(base_url, {**base, "spanAnnotations": "yes"}))["message"]
    assert "do_not_store" in _error(_analyze(base_url, {**base, "doNotStore": 1}))["message"]
    assert "session_id" in _error(_analyze(base_url, {**base, "sessionId": 5}))["message"]
    assert "client_token" in _error(_analyze(base_url, {**base, "clientToken": ["x"]}))["message"]
    unknown = _error(_analyze(base_url, {**base, "comments": {"text": "x"}}))
    assert unknown["message"] == 'Invalid JSON payload received. Unknown name "comments": Cannot find field.'


@pytest.mark.parametrize(
    ("payload", "message", "error_type"),
    [
        ({"requestedAttributes": {"TOXICITY": {}}}, "Comment must be non-empty.", "COMMENT_EMPTY"),
        (
            {"comment": {"text": "   "}, "requestedAttributes": {"TOXICITY": {}}},
            "Comment must be non-empty.",
            "COMMENT_EMPTY",
        ),
        ({"comment": {"text": "hi"}}, "Missing requested_attributes", None),
        ({"comment": {"text": "hi"}, "requestedAttributes": {}}, "Missing requested_attributes", None),
        (
            {"comment": {"text": "€" * 6827}, "requestedAttributes": {"TOXICITY": {}}},
            "Comment text was too many bytes. Value (20481) exceeded limit (20480).",
            "COMMENT_TOO_LONG",
        ),
        (
            {"comment": {"text": "a" * 20481}, "requestedAttributes": {"TOXICITY": {}}},
            "Comment text was too many bytes. Value (20481) exceeded limit (20480).",
            "COMMENT_TOO_LONG",
        ),
        (
            {
                "comment": {"text": "hi"},
                "context": {"entries": [{"text": "b" * 20481}]},
                "requestedAttributes": {"TOXICITY": {}},
            },
            "Context text was too many bytes. Value (20481) exceeded limit (20480).",
            "COMMENT_TOO_LONG",
        ),
    ],
)
def test_errors_are_worded_as_perspective_words_them(
    base_url: str, payload: dict[str, Any], message: str, error_type: str | None
) -> None:
    err = _error(_analyze(base_url, payload))
    assert err["message"] == message and err["status"] == "INVALID_ARGUMENT"
    assert [d.get("errorType") for d in err.get("details", [])] == ([error_type] if error_type else [])


def test_the_limit_is_utf8_bytes_as_perspective_counts_them(base_url: str) -> None:
    assert MAX_COMMENT_BYTES == 20480
    at_limit = "Thanks. " * (MAX_COMMENT_BYTES // 8)  # exactly 20,480 bytes
    r = _analyze(base_url, {"comment": {"text": at_limit}, "requestedAttributes": {"TOXICITY": {}}})
    assert r.status_code == 200, r.text
    r = _analyze(base_url, {"comment": {"text": "a" * MAX_BODY}, "requestedAttributes": {"TOXICITY": {}}})
    assert r.status_code == 413 and r.json()["error"]["code"] == 413


def test_span_pieces_are_capped() -> None:
    text = "Word. " * 500
    assert len(span_pieces(text)) == MAX_SPAN_PIECES
    few = "One. Two! Three?"
    assert [few[a:b] for a, b in span_pieces(few)] == ["One. ", "Two! ", "Three?"]


def test_suggestscore_is_checked_answered_and_not_kept(base_url: str, tmp_path: Path) -> None:
    payload = {
        "comment": {"text": "You are a 😀 idiot."},
        "context": {"entries": [{"text": "Hello."}]},
        "attributeScores": {
            "TOXICITY": {
                "summaryScore": {"value": 0.9, "type": "PROBABILITY"},
                "spanScores": [{"begin": 0, "end": 19, "score": {"value": 0.9}}],
            }
        },
        "languages": ["en"],
        "communityId": "c",
        "clientToken": "s-1",
        "sessionId": "x",
    }
    r = httpx.post(f"{base_url}/v1alpha1/comments:suggestscore", json=payload, timeout=30)
    assert r.status_code == 200, r.text
    assert r.json() == {"detectedLanguages": ["en"], "requestedLanguages": ["en"], "clientToken": "s-1"}

    def bad(change: dict[str, Any]) -> str:
        resp = httpx.post(f"{base_url}/v1alpha1/comments:suggestscore", json={**payload, **change}, timeout=30)
        return str(_error(resp)["message"])

    assert bad({"attributeScores": {}}) == "attribute_scores must not be empty."
    assert "must not be empty" in bad({"attributeScores": {"TOXICITY": {}}})
    assert "outside the comment" in bad(
        {"attributeScores": {"TOXICITY": {"spanScores": [{"begin": 0, "end": 20, "score": {"value": 1}}]}}}
    )
    assert "begin and end" in bad({"attributeScores": {"TOXICITY": {"spanScores": [{"score": {"value": 1}}]}}})
    assert "summary_score.value" in bad({"attributeScores": {"TOXICITY": {"summaryScore": {"value": "high"}}}})
    assert bad({"comment": {"text": ""}}) == "Comment must be non-empty."


def test_coral_talk_requests(keyed: tuple[str, Path]) -> None:
    """The bodies Coral Talk's server sends (coral-server/services/perspective: its endpoint setting plus
    /comments:analyze or /comments:suggestscore, ?key=), written from its source; Coral itself is not run here."""
    url, _ = keyed
    analyze = {
        "comment": {"text": "You are a stupid idiot."},
        "doNotStore": True,
        "requestedAttributes": {"SEVERE_TOXICITY": {}},
        "languages": ["en"],
    }
    r = httpx.post(f"{url}/v1alpha1/comments:analyze", params={"key": KEY}, json=analyze, timeout=30)
    assert r.status_code == 200, r.text
    assert set(r.json()["attributeScores"]) == {"SEVERE_TOXICITY"}
    entry = json.dumps({"url": "https://example.org/story?commentID=c1", "Coral_comment_id": "c1"})
    suggest = {
        "comment": {"text": "You are a stupid idiot."},
        "context": {"entries": [{"text": entry}]},
        "attributeScores": {"DELETED": {"summaryScore": {"value": 1}}},  # Coral names the moderator's decision
        "languages": ["en"],
        "communityId": "Coral:https://example.org/",
        "clientToken": "comment:c1",
    }
    r = httpx.post(f"{url}/v1alpha1/comments:suggestscore", params={"key": KEY}, json=suggest, timeout=30)
    assert r.status_code == 200, r.text
    assert r.json()["clientToken"] == "comment:c1"


def test_discovery_document_points_at_this_server(base_url: str) -> None:
    r = httpx.get(f"{base_url}/$discovery/rest", params={"version": "v1alpha1"}, timeout=10)
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["rootUrl"] == f"{base_url}/" and doc["name"] == "commentanalyzer" and doc["version"] == "v1alpha1"
    methods = doc["resources"]["comments"]["methods"]
    assert {m: methods[m]["path"] for m in methods} == {
        "analyze": "v1alpha1/comments:analyze",
        "suggestscore": "v1alpha1/comments:suggestscore",
    }
    request_fields = set(doc["schemas"]["AnalyzeCommentRequest"]["properties"])
    assert {"dropUnsupportedAttributes", "spanAnnotations", "doNotStore", "sessionId"} <= request_fields
    v1 = httpx.get(f"{base_url}/discovery/v1/apis/commentanalyzer/v1alpha1/rest", timeout=10)
    assert v1.json() == doc
    assert _error(httpx.get(f"{base_url}/$discovery/rest", params={"version": "v1"}, timeout=10), 404)


def test_api_keys_are_checked_where_the_operator_gives_them(keyed: tuple[str, Path], base_url: str) -> None:
    url, log = keyed
    payload = {"comment": {"text": "hello"}, "requestedAttributes": {"TOXICITY": {}}}
    # without keys configured, any key or none is accepted
    assert _analyze(base_url, payload, params={"key": "anything"}).status_code == 200
    missing = _error(_analyze(url, payload), 403)
    assert missing == {"code": 403, "message": "The request is missing a valid API key.", "status": "PERMISSION_DENIED"}
    wrong = _error(_analyze(url, payload, params={"key": "nope"}))
    assert wrong["message"] == "API key not valid. Please pass a valid API key."
    assert wrong["details"][0]["reason"] == "API_KEY_INVALID"
    assert _analyze(url, payload, params={"key": KEY}).status_code == 200
    assert _analyze(url, payload, headers={"X-Goog-Api-Key": KEY}).status_code == 200
    assert httpx.get(f"{url}/$discovery/rest?version=v1alpha1&key=nope", timeout=10).status_code == 400
    assert httpx.get(f"{url}/$discovery/rest?version=v1alpha1&key={KEY}", timeout=10).status_code == 200
    # with a suggestions file, each suggestion is kept as one JSON line
    before = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    suggestion = {"comment": {"text": "hi"}, "attributeScores": {"SPAM": {"summaryScore": {"value": 0.0}}}}
    r = httpx.post(f"{url}/v1alpha1/comments:suggestscore", params={"key": KEY}, json=suggestion, timeout=30)
    assert r.status_code == 200, r.text
    kept = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert len(kept) == len(before) + 1 and kept[-1]["comment"] == {"text": "hi"} and "received" in kept[-1]


def test_key_files(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.write_text("# site A\nkey-a\n\n  key-b  # site B\n", encoding="utf-8")
    assert load_api_keys(keys) == {"key-a", "key-b"}
    keys.write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(InputError, match="no keys"):
        load_api_keys(keys)
    with pytest.raises(InputError, match="No such file"):
        load_api_keys(tmp_path / "missing")


def test_suggestions_file_stops_growing_at_its_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Anyone may send suggestions (keys are optional): the file they are kept in has a size cap (found on review)."""
    from newssift import perspective

    log = tmp_path / "suggestions.jsonl"
    body = {"comment": {"text": "hi"}, "attributeScores": {"TOXICITY": {"summaryScore": {"value": 0.1}}}}
    perspective.suggest_score(body, log)
    one = log.stat().st_size
    monkeypatch.setattr(perspective, "MAX_SUGGESTIONS_BYTES", one + one // 2)
    for _ in range(3):
        assert "detectedLanguages" in perspective.suggest_score(body, log)  # still answered
    assert log.stat().st_size == one and len(log.read_text(encoding="utf-8").splitlines()) == 1


def test_a_lone_surrogate_is_a_400_and_a_pair_is_a_character(base_url: str) -> None:
    """JSON's "\\ud800" without its pair is no character (no UTF-8 can encode it): refused like invalid UTF-8, never
    a 500; a pair ("\\ud83d\\ude00") is the emoji it encodes."""
    head = {"content-type": "application/json"}
    lone = b'{"comment": {"text": "you \\ud800 idiot"}, "requestedAttributes": {"TOXICITY": {}}}'
    r = httpx.post(f"{base_url}/v1alpha1/comments:analyze", content=lone, headers=head, timeout=60)
    assert "lone surrogate" in _error(r)["message"]
    r = httpx.post(f"{base_url}/v1/moderate", content=b'{"comments": [{"text": "a \\udc00 b"}]}', headers=head)
    assert r.status_code == 400 and "lone surrogate" in r.text
    pair = lone.replace(b"\\ud800", b"\\ud83d\\ude00")
    r = httpx.post(f"{base_url}/v1alpha1/comments:analyze", content=pair, headers=head, timeout=60)
    assert r.status_code == 200 and "TOXICITY" in r.json()["attributeScores"]
