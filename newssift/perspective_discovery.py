"""The discovery document of ``commentanalyzer v1alpha1`` as newssift serves it: the shape Google's discovery
format needs (googleapiclient's ``discovery.build`` reads it), with this server as ``rootUrl``."""

from __future__ import annotations

from typing import Any

_ENUM_SCORE = ["SCORE_TYPE_UNSPECIFIED", "PROBABILITY", "STD_DEV_SCORE", "PERCENTILE", "RAW"]


def _obj(schema_id: str, description: str, **props: dict[str, Any]) -> dict[str, Any]:
    return {"id": schema_id, "type": "object", "description": description, "properties": props}


def _ref(name: str, description: str) -> dict[str, Any]:
    return {"$ref": name, "description": description}


def _str(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


def _bool(description: str) -> dict[str, Any]:
    return {"type": "boolean", "description": description}


def _strs(description: str) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string"}, "description": description}


def _enum(values: list[str], description: str) -> dict[str, Any]:
    return {"type": "string", "enum": values, "enumDescriptions": values, "description": description}


def _map(name: str, description: str) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": {"$ref": name}, "description": description}


_LANGS = "Language codes (ISO 639 or BCP-47) of the comment; detected when none are given. newssift scores en."
_SCHEMAS: dict[str, Any] = {
    "AnalyzeCommentRequest": _obj(
        "AnalyzeCommentRequest",
        "A comment to score.",
        comment=_ref("TextEntry", "The comment."),
        context=_ref("Context", "What the comment replies to."),
        requestedAttributes=_map("AttributeParameters", "Attribute name to its parameters."),
        spanAnnotations=_bool("Also return scores of the comment's sentences."),
        languages=_strs(_LANGS),
        doNotStore=_bool("Keep nothing of the request (newssift keeps nothing of any analyze request)."),
        clientToken=_str("Echoed in the response."),
        sessionId=_str("Joins related calls into one session."),
        communityId=_str("The community the comment belongs to."),
        dropUnsupportedAttributes=_bool("Leave out attributes not scored in the comment's language, not an error."),
    ),
    "AnalyzeCommentResponse": _obj(
        "AnalyzeCommentResponse",
        "Scores of a comment.",
        attributeScores=_map("AttributeScores", "Attribute name to its scores."),
        languages=_strs("The request's languages, or the detected one."),
        detectedLanguages=_strs("Languages detected in the comment, most likely first."),
        clientToken=_str("The request's clientToken."),
    ),
    "ArticleAndParentComment": _obj(
        "ArticleAndParentComment",
        "The article a comment is on and the comment it replies to.",
        article=_ref("TextEntry", "The article."),
        parentComment=_ref("TextEntry", "The comment replied to."),
    ),
    "AttributeParameters": _obj(
        "AttributeParameters",
        "How to score one attribute.",
        scoreType=_enum(_ENUM_SCORE, "Score type; PROBABILITY is the one offered."),
        scoreThreshold={"type": "number", "format": "float", "description": "Leave out scores below this."},
    ),
    "AttributeScores": _obj(
        "AttributeScores",
        "Scores of one attribute.",
        spanScores={"type": "array", "items": {"$ref": "SpanScore"}, "description": "Scores of spans."},
        summaryScore=_ref("Score", "Score of the whole comment."),
    ),
    "Context": _obj(
        "Context",
        "What a comment replies to: entries or articleAndParentComment, not both.",
        entries={"type": "array", "items": {"$ref": "TextEntry"}, "description": "Earlier messages, oldest first."},
        articleAndParentComment=_ref("ArticleAndParentComment", "Article and parent comment."),
    ),
    "Score": _obj(
        "Score",
        "A score.",
        value={"type": "number", "format": "float", "description": "The score."},
        type=_enum(_ENUM_SCORE, "What the value is."),
    ),
    "SpanScore": _obj(
        "SpanScore",
        "The score of a span: begin and end count UTF-16 code units of the text as sent, end exclusive.",
        begin={"type": "integer", "format": "int32", "description": "First code unit."},
        end={"type": "integer", "format": "int32", "description": "Code unit after the last."},
        score=_ref("Score", "The score."),
    ),
    "SuggestCommentScoreRequest": _obj(
        "SuggestCommentScoreRequest",
        "Scores a client suggests for a comment.",
        comment=_ref("TextEntry", "The comment."),
        context=_ref("Context", "What the comment replies to."),
        attributeScores=_map("AttributeScores", "Attribute name to the suggested scores."),
        languages=_strs(_LANGS),
        communityId=_str("The community the comment belongs to."),
        clientToken=_str("Echoed in the response."),
        sessionId=_str("Joins related calls into one session."),
    ),
    "SuggestCommentScoreResponse": _obj(
        "SuggestCommentScoreResponse",
        "The answer to a suggestion.",
        detectedLanguages=_strs("Languages detected in the comment."),
        requestedLanguages=_strs("The request's languages."),
        clientToken=_str("The request's clientToken."),
    ),
    "TextEntry": _obj(
        "TextEntry",
        "A text.",
        text=_str("The text (at most 20,480 bytes of UTF-8)."),
        type=_enum(["TEXT_TYPE_UNSPECIFIED", "PLAIN_TEXT", "HTML"], "How to read the text."),
    ),
}
_QUERY = {
    "key": "API key (checked where the server has keys).",
    "alt": "Response format (json).",
    "fields": "Accepted, not applied: the whole response is sent.",
    "prettyPrint": "Accepted, not applied.",
    "quotaUser": "Accepted, not applied.",
    "$.xgafv": "Accepted, not applied.",
    "access_token": "Accepted, not applied.",
    "callback": "Accepted, not applied.",
    "oauth_token": "Accepted, not applied.",
    "uploadType": "Accepted, not applied.",
    "upload_protocol": "Accepted, not applied.",
}


def _method(name: str, request: str, response: str, description: str) -> dict[str, Any]:
    path = f"v1alpha1/comments:{name}"
    return {
        "id": f"commentanalyzer.comments.{name}",
        "path": path,
        "flatPath": path,
        "httpMethod": "POST",
        "description": description,
        "parameters": {},
        "parameterOrder": [],
        "request": {"$ref": request},
        "response": {"$ref": response},
    }


def discovery_document(root_url: str) -> dict[str, Any]:
    """The discovery document with *root_url* (this server, ending in ``/``) as the root of every method."""
    root = root_url if root_url.endswith("/") else root_url + "/"
    return {
        "kind": "discovery#restDescription",
        "discoveryVersion": "v1",
        "id": "commentanalyzer:v1alpha1",
        "name": "commentanalyzer",
        "version": "v1alpha1",
        "title": "Perspective Comment Analyzer API (newssift)",
        "description": "Perspective's comment analysis, answered by newssift's moderation stage.",
        "protocol": "rest",
        "rootUrl": root,
        "servicePath": "",
        "baseUrl": root,
        "basePath": "",
        "batchPath": "batch",
        "parameters": {
            name: {"type": "boolean" if name == "prettyPrint" else "string", "location": "query", "description": d}
            for name, d in _QUERY.items()
        },
        "resources": {
            "comments": {
                "methods": {
                    "analyze": _method(
                        "analyze", "AnalyzeCommentRequest", "AnalyzeCommentResponse", "Scores a comment."
                    ),
                    "suggestscore": _method(
                        "suggestscore",
                        "SuggestCommentScoreRequest",
                        "SuggestCommentScoreResponse",
                        "Takes suggested scores for a comment.",
                    ),
                }
            }
        },
        "schemas": _SCHEMAS,
    }
