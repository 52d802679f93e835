"""Publisher boilerplate that sits among article text: what kind a paragraph is, by its wording.

Shared by the HTML and the plain-text structure stages. Each rule names the *kind* of boilerplate
(the report's ``boilerplate[].kind``) so a reader sees why a paragraph was set aside.
"""

from __future__ import annotations

import re

# Kinds, in the order they are tried.
KINDS = (
    "comments_closed",
    "comments_header",
    "comment_form",
    "policy_links",
    "copyright",
    "share_prompt",
    "subscribe",
    "related_links",
    "tags",
    "advertisement",
    "disclaimer",
    "slogan",
)

_WS = r"[\s\u00a0]"

_COMMENTS_CLOSED = re.compile(
    r"^(?:comments?\s+(?:are|is|have\s+been|has\s+been)\s+(?:now\s+)?(?:closed|disabled|turned\s+off)"
    r"|comments?\s+(?:for|on)\s+this\s+(?:article|post|story|entry|page|thread)\s+(?:are|is|have\s+been|has\s+been)\s+"
    r"(?:now\s+)?(?:closed|disabled)"
    r"|commenting\s+(?:is|has\s+been)\s+(?:now\s+)?(?:closed|disabled)"
    r"|(?:this\s+)?(?:article|post|story|thread|discussion)\s+(?:is|has\s+been)\s+closed\s+(?:to|for)\s+"
    r"(?:new\s+)?(?:comments|replies)"
    r"|the\s+comments?\s+(?:section\s+)?(?:is|are|has\s+been|have\s+been)\s+closed)"
    r"\s*[.!]?$",
    re.I,
)

_COMMENTS_HEADER = re.compile(
    r"^(?:(?:\d[\d,.]*|no|one|two|three)\s+)?(?:comments?|responses?|replies|reader\s+comments|reactions?)"
    r"(?:\s+(?:to|on|for)\s+.{1,150})?\s*[:.]?$"
    r"|^(?:\d[\d,.]*|one|two|three)\s+thoughts?\s+on\s+.{1,150}$"
    r"|^(?:leave|post|add|write|submit)\s+(?:a|your)\s+(?:reply|comment|response)\b.{0,60}$"
    r"|^join\s+the\s+(?:discussion|conversation|debate)\b.{0,60}$"
    r"|^(?:show|view|load|see)\s+(?:all\s+)?(?:\d+\s+)?(?:more\s+)?comments?\b.{0,30}$"
    r"|^(?:discussion|conversation)\s*[:.]?$",
    re.I,
)

_COMMENT_FORM = re.compile(
    r"your\s+email\s+address\s+will\s+not\s+be\s+published"
    r"|required\s+fields\s+are\s+marked"
    r"|by\s+submitting\s+this\s+form"
    r"|this\s+site\s+uses\s+akismet"
    r"|you\s+must\s+be\s+(?:logged|signed)\s+in\s+to\s+(?:post|leave)\s+a\s+comment"
    r"|^(?:notify\s+me\s+of\s+(?:new|follow-?up)\s+(?:comments|posts))"
    r"|^(?:save\s+my\s+name,\s+email)"
    r"|^(?:cancel\s+reply|post\s+comment|submit\s+comment)\s*$",
    re.I,
)

_NAV_WORD = (
    r"about(?:\s+us|\s+\w{1,12})?|polic(?:y|ies)|privacy|terms(?:\s+of\s+(?:use|service))?|contact(?:\s+us)?"
    r"|disclosures?|cookies?|advertis(?:e|ing)|careers|jobs|sitemap|imprint|impressum|faq|help|rss|accessibility"
    r"|subscribe|newsletters?|masthead|ethics|corrections|archives?|home|donate|support\s+us|legal"
)
_NAV_TOKEN = re.compile(rf"\b(?:{_NAV_WORD})\b", re.I)
_LINK_SEP = re.compile(r"\s+[-|·•/–—]\s+|\s*[|·•]\s*|\s{3,}")

_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright\b)|\ball\s+rights\s+reserved\b|^(?:this\s+(?:article|material)\s+may\s+not\s+be\s+"
    r"(?:published|reproduced|republished))",
    re.I,
)

_SHARE = re.compile(
    r"^(?:share\s+(?:this|on|via|the\s+article|article|story|it)|like\s+this\s+(?:story|article|post)\b"
    r"|share\s+it\s+with|follow\s+us\s+(?:on|at)|click\s+to\s+(?:tweet|share|print|email)|tweet\s+this|email\s+this"
    r"|print\s+this|pin\s+it|share\s*:|sharing\s+is\s+caring)"
    r"|click\s+to\s+tweet\s*$",
    re.I,
)
_SOCIAL = re.compile(r"\b(?:facebook|twitter|whatsapp|linkedin|telegram|reddit|pinterest|email|vk|x\.com)\b", re.I)

_SUBSCRIBE = re.compile(
    r"(?:subscribe|sign\s+up|register)\s+(?:to|for|now|today)\b.{0,40}\b(?:newsletter|updates|alerts|briefing|digest"
    r"|daily|weekly|channel|email)"
    r"|\b(?:get|receive)\s+(?:the|our)\s+(?:\w+\s+)?(?:newsletter|briefing|headlines)\b"
    r"|newsletter\s+sign[-\s]?up|enter\s+your\s+e-?mail|delivered\s+(?:to\s+your\s+inbox|through\s+your\s+letterbox)"
    r"|support\s+(?:our|independent)\s+journalism\b",
    re.I,
)

_RELATED = re.compile(
    r"^(?:related(?:\s+(?:posts?|articles?|stories|content|coverage|reading))?|read\s+(?:more|also|next)"
    r"|see\s+also|also\s+(?:on|read|see)|recommended(?:\s+for\s+you)?|you\s+(?:may|might)\s+(?:also\s+)?like"
    r"|more\s+(?:from|on|stories)|trending(?:\s+now)?|most\s+(?:read|popular)|popular\s+(?:posts|stories)"
    r"|previous\s+(?:post|article)|next\s+(?:post|article)|editor'?s\s+picks?)\b\s*[:\-–—]?",
    re.I,
)

_TAGS = re.compile(r"^(?:tags?|tagged(?:\s+with)?|categor(?:y|ies)|filed\s+under|posted\s+in|topics?)\s*:", re.I)

_AD = re.compile(r"^(?:advertisement|advertising|sponsored(?:\s+content)?|ad|story\s+continues\s+below)\s*[:.]?$", re.I)

# Disclaimer wording: strong phrases decide alone, weak ones need company (or a place after the article).
_DISCLAIMER_STRONG = re.compile(
    r"\bdisclaimer\b"
    r"|\b(?:views|opinions)\s+(?:expressed|stated|presented)\b.{0,120}\bnot\s+(?:necessarily\s+)?"
    r"(?:reflect|represent|those|the\s+views)"
    r"|\bnot\s+necessarily\s+(?:the\s+views|reflect|represent)"
    r"|\bcannot\s+guarantee\b.{0,60}\b(?:validity|accuracy|correctness|completeness)"
    r"|\b(?:full|sole)\s+responsibility\s+of\s+the\s+(?:article\s+)?author"
    r"|\bfor\s+(?:informational|educational|entertainment)\s+purposes\s+only\b"
    r"|\bseek\s+corroboration\b"
    r"|\bdoes\s+not\s+(?:endorse|constitute)\b.{0,60}\b(?:advice|opinions?|views|content)"
    r"|\bshould\s+not\s+be\s+(?:construed|considered|taken)\s+as\b.{0,40}\badvice",
    re.I | re.S,
)
_DISCLAIMER_WEAK = re.compile(
    r"\b(?:disinformation|misinformation)\b|\bencourage\s+you\s+to\b|\bno\s+(?:responsibility|liability)\b"
    r"|\bsatirical\b|\bcontent\s+is\s+owned\b|\buncensored\b|\bindependent\s+(?:international\s+)?writers\b"
    r"|\baccuracy\b|\baffiliates?\b|\badvertisers?\b|\bsponsors?\b|\bat\s+your\s+own\s+risk\b|\bopinions?\b"
    r"|\bviews\b|\bauthor(?:s)?\b",
    re.I,
)

_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")


def _policy_links(text: str) -> bool:
    if len(text) > 300 or "\n" in text.strip():
        return False
    parts = [p for p in _LINK_SEP.split(text.strip()) if p.strip()]
    if len(parts) < 2:
        return False
    short = sum(1 for p in parts if len(p.split()) <= 5)
    nav = sum(1 for p in parts if _NAV_TOKEN.search(p))
    return short == len(parts) and nav >= max(1, len(parts) // 2)


def _share_line(text: str) -> bool:
    if _SHARE.search(text):
        return True
    words = text.split()
    return 1 <= len(words) <= 12 and len(_SOCIAL.findall(text)) >= 2 and not _SENTENCE_END.search(text)


def is_heading_like(text: str) -> bool:
    """A short line that is not a sentence: a title, subheading, slogan or tagline."""
    t = text.strip()
    words = t.split()
    return 0 < len(words) <= 16 and len(t) <= 120 and not _SENTENCE_END.search(t) and "\n" not in t


def classify(text: str, *, tail: bool = False) -> str | None:
    """The boilerplate kind of a paragraph, or None for article text.

    ``tail`` says the paragraph lies after the article's last paragraph (before comments), where
    publisher text is expected and weaker evidence suffices.
    """
    t = " ".join(text.split())
    if not t:
        return None
    n_words = len(t.split())
    if n_words <= 14 and _COMMENTS_CLOSED.search(t):
        return "comments_closed"
    if n_words <= 30 and _COMMENTS_HEADER.search(t):
        return "comments_header"
    if n_words <= 80 and _COMMENT_FORM.search(t):
        return "comment_form"
    if _policy_links(t):
        return "policy_links"
    if n_words <= 40 and _COPYRIGHT.search(t):
        return "copyright"
    if n_words <= 20 and _share_line(t):
        return "share_prompt"
    if n_words <= 40 and _SUBSCRIBE.search(t):
        return "subscribe"
    if n_words <= 25 and _RELATED.search(t):
        return "related_links"
    if n_words <= 40 and _TAGS.search(t):
        return "tags"
    if n_words <= 4 and _AD.search(t):
        return "advertisement"
    if n_words > 250:  # a long paragraph is never a disclaimer: its words are not searched
        return None
    strong = _DISCLAIMER_STRONG.search(t) is not None
    if not (strong or tail):
        return None
    weak = len({m.group(0).lower() for m in _DISCLAIMER_WEAK.finditer(t)})
    if (strong and (tail or weak >= 1)) or (tail and weak >= 3):
        return "disclaimer"
    return None
