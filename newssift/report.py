"""The report: one versioned, JSON-serialisable record of everything newssift found in a page.

Schema ``newssift.report/1`` (JSON Schema: ``schema/newssift.report-1.schema.json``). Every span carries
``start``/``end`` offsets into ``document.text`` and, for convenience, its ``text``; the model checks that
``text == document.text[start:end]`` for every span, so a report can never point at the wrong words.
Later stages add sections; renderers (json, markdown, terminal) all read this one model.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_ID: Literal["newssift.report/1"] = "newssift.report/1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", serialize_by_alias=True, validate_by_name=True, validate_by_alias=True)


class Offsets(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class TextSpan(Offsets):
    text: str


class Paragraph(TextSpan):
    kind: Literal["paragraph", "heading", "list_item"] = "paragraph"


class Boilerplate(TextSpan):
    kind: str = Field(description="what kind of publisher text: disclaimer, slogan, policy_links, ...")


class ModerationLabel(_Model):
    label: Literal["hate", "violence", "conspiracy", "harassment", "profanity", "spam"]
    score: float = Field(ge=0, le=1, description="calibrated probability")
    spans: list[Offsets] = Field(default_factory=list, description="the words that carried the label")
    target: str | None = Field(None, description="the group or person a hate or violence label is aimed at")
    reason: str = ""


class Moderation(_Model):
    labels: list[ModerationLabel] = Field(default_factory=list)
    action: Literal["remove", "review", "allow"]
    reasons: list[str] = Field(default_factory=list)
    policy: str | None = Field(None, description="name of the policy that chose the action")


class Comment(TextSpan):
    id: str
    parent: str | None = Field(description="id of the comment this one replies to, or null")
    depth: int = Field(0, ge=0, description="0 for a top-level comment, 1 for a reply, ...")
    author: str | None = None
    date: str | None = Field(None, description="the date as the page shows it")
    header: Offsets | None = Field(None, description="the comment's author/date line in document.text")
    marker: Offsets | None = Field(None, description="the list marker before the comment ('1.', '•')")
    moderation: Moderation | None = Field(None, description="labels, evidence and action (absent when not run)")


class Speaker(_Model):
    name: str = Field(description="the speaker as named most fully in the text")
    role: str | None = Field(None, description="the role the text gives ('Kremlin spokesman')")
    kind: str = Field("PERSON", description="PERSON, ORG, GPE ... (spaCy entity type) or NOUN")
    mentions: list[Offsets] = Field(default_factory=list, description="every mention resolved to this speaker")


class Quote(_Model):
    speaker: Speaker
    speaker_mention: Offsets = Field(description="the mention that introduces this quote")
    cue: TextSpan
    content: TextSpan
    direct: bool = Field(description="true when the content is a quotation in quotation marks")
    venue: TextSpan | None = Field(None, description="where it was said, when the text says ('told the TV show ...')")


class Claim(TextSpan):
    checkworthiness: float = Field(ge=0, le=1)
    quote: int | None = Field(None, description="index into quotes of the attribution in this sentence")


class TimelineEntry(TextSpan):
    date: str = Field(description="ISO 8601, as precise as known: YYYY-MM-DD, YYYY-MM or YYYY")
    precision: Literal["day", "month", "year"]
    qualifier: str | None = Field(None, description="early / mid / late, for a month")


class Rating(_Model):
    scale: str
    value: float | str
    source: str = Field(description="the citation of the rating's publisher")
    as_of: str


class StateAffiliation(_Model):
    country: str
    citation: str = Field(description="the public record the affiliation rests on")
    as_of: str


class Outlet(_Model):
    name: str | None
    domain: str | None
    evidence: list[Offsets] = Field(default_factory=list, description="where the page names this outlet")
    how: list[str] = Field(default_factory=list, description="what the evidence is: byline, wire dateline, URL ...")
    state_affiliated: StateAffiliation | None = None
    ratings: list[Rating] = Field(default_factory=list)


class Provenance(_Model):
    publisher: Outlet | None = None
    credited: list[Outlet] = Field(default_factory=list, description="outlets the page credits as the origin")


class EvidencePassage(TextSpan):
    """A passage of another document: ``start``/``end`` index *that* document's text, not this report's."""


class Evidence(_Model):
    document: str = Field(description="the corpus key of the document (WARC-Record-ID, sha256:…, jsonl:…)")
    outlet: str
    origin: str = Field(
        description="the origin group, one key per outlet: outlet:<registered domain> for outlets the registry knows "
        "(found by domain, credit or name alike), else outlet:<name>; a credited text has its credited outlet's key, "
        "and copies share their original's"
    )
    url: str | None = None
    title: str | None = None
    date: str | None = None
    passage: EvidencePassage
    stance: Literal["agree", "disagree", "discuss"]
    score: float = Field(ge=0, le=1, description="probability that the passage addresses the claim")
    confidence: float = Field(ge=0, le=1, description="probability of the stance, given that it addresses the claim")
    reports_speaker: bool = Field(
        False,
        description="the passage names the claim's speaker: it reports them saying it, which confirms the "
        "attribution; an agreeing one is a faithful report of the quote and counts as discussing the content",
    )
    speaker_denies: bool = Field(False, description="the passage reports the claim's speaker denying it")
    cites: str | None = Field(
        None,
        description="the origin key of the one outlet the passage gives as its source ('told TASS', 'according to "
        "Interfax'): the passage is counted under that origin, not its document's",
    )
    set_apart: Literal["same speaker, other date", "other date"] | None = Field(
        None,
        description="in other_date only: why the passage is not counted (it is dated outside the claim's time, and "
        "names the claim's speaker or not)",
    )


class Attribution(_Model):
    speaker: str = Field(description="the speaker the page attributes the claim to")
    status: Literal["confirmed", "disputed", "unconfirmed"] = Field(
        description="confirmed: an independent origin reports the speaker saying it and none reports a denial; "
        "disputed: one reports the speaker denying it; unconfirmed: none reports either"
    )
    confirmed_by: list[str] = Field(default_factory=list, description="origins that report the speaker saying it")
    disputed_by: list[str] = Field(default_factory=list, description="origins that report the speaker denying it")


class Corroboration(_Model):
    claim: int = Field(ge=0, description="index into claims")
    supports: int = Field(
        ge=0,
        description="the content finding: independent origins that agree with the claim's content (a faithful report "
        "of an attributed claim's quote does not: it discusses it)",
    )
    contradicts: int = Field(ge=0, description="independent origins that disagree with the claim's content")
    discusses: int = Field(ge=0, description="independent origins that discuss it without taking a side")
    attribution: Attribution | None = Field(
        None, description="the attribution finding, for a claim the page attributes to a speaker: did they say it?"
    )
    evidence: list[Evidence] = Field(
        default_factory=list,
        description="passages of every counted origin, grouped by origin, the passage that decided its stance first "
        "(at most 3 per origin)",
    )
    excluded_own: int = Field(0, ge=0, description="retrieved passages dropped as the page's own origin or copies")
    not_listed: int = Field(0, ge=0, description="passages of counted origins beyond the 3 listed per origin")
    time: str | None = Field(
        None,
        description="the claim's time, which evidence is dated against: an ISO date, or an ISO interval start/end "
        "(the claim's timeline dates, else the page date); null when the claim cannot be dated",
    )
    other_date: list[Evidence] = Field(
        default_factory=list,
        description="passages that address the claim but whose documents are dated more than 3 days outside its "
        "time (another statement, another event): listed apart, not counted",
    )


TechniqueLabel = Literal[
    "loaded_language",
    "name_calling",
    "smears",
    "doubt",
    "exaggeration",
    "appeal_to_fear",
    "flag_waving",
    "causal_oversimplification",
    "slogans",
    "appeal_to_authority",
    "black_and_white",
    "thought_terminating_cliche",
    "whataboutism",
    "repetition",
    "glittering_generalities",
    "straw_man",
    "reductio_ad_hitlerum",
    "obfuscation",
    "bandwagon",
    "red_herring",
]


class TechniqueFinding(TextSpan):
    label: TechniqueLabel = Field(description="the persuasion technique (SemEval-2020 Task 11 / 2021 Task 6 taxonomy)")
    score: float = Field(ge=0, le=1, description="P(technique span) × P(technique | span); pattern spans ≥ 0.5")
    explanation: str = Field(description="one line: what the technique is and what in the text showed it")
    source: Literal["model", "pattern"] = Field(description="the trained heads, or a stock-phrase/repetition rule")


class TechniqueSummary(_Model):
    counts: dict[str, int] = Field(default_factory=dict, description="spans per technique")
    per_1000_words: dict[str, float] = Field(default_factory=dict, description="spans per 1,000 words read")
    words: int = Field(0, ge=0, description="words in the text read (article, and comments when asked)")
    sentences: int = Field(0, ge=0, description="sentences in the text read")


class DocumentInfo(_Model):
    text: str = Field(description="the page text; every span in the report indexes this string")
    url: str | None = None
    title: str | None = None
    byline: str | None = Field(None, description="the credit line as the page gives it ('By Russia Today')")
    site_name: str | None = None
    date: str | None = Field(None, description="publication date (ISO 8601) from the page metadata, if any")
    source_type: Literal["html", "text"]
    encoding: str | None = None
    length: int = Field(description="len(text) in characters")


class Article(_Model):
    title: TextSpan | None = None
    byline: TextSpan | None = None
    paragraphs: list[Paragraph] = Field(default_factory=list)


class Generator(_Model):
    name: Literal["newssift"] = "newssift"
    version: str


class Report(_Model):
    schema_: Literal["newssift.report/1"] = Field("newssift.report/1", alias="schema")
    generator: Generator
    document: DocumentInfo
    article: Article
    boilerplate: list[Boilerplate] = Field(default_factory=list)
    comments: list[Comment] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    provenance: Provenance | None = None
    corroboration: list[Corroboration] = Field(default_factory=list)
    techniques: list[TechniqueFinding] = Field(default_factory=list)
    technique_summary: TechniqueSummary | None = Field(None, description="absent when the stage did not run")
    warnings: list[str] = Field(default_factory=list)
    extensions: dict[str, Any] = Field(
        default_factory=dict,
        description="sections added by stages registered outside newssift (newssift.stages.register_stage), by "
        "stage name; each a JSON value of the stage's own making, not checked against this schema",
    )

    @model_validator(mode="after")
    def _spans_index_the_text(self) -> Report:
        self._check_references()
        self._check_spans()
        self._check_provenance()
        self._check_comments()
        return self

    def _check_references(self) -> None:
        for cor in self.corroboration:
            if not 0 <= cor.claim < len(self.claims):
                raise ValueError(f"corroboration points at claim {cor.claim}, which does not exist")
        for claim in self.claims:
            if claim.quote is not None and not 0 <= claim.quote < len(self.quotes):
                raise ValueError(f"claim {claim.start}:{claim.end} points at quote {claim.quote}, which does not exist")

    def _check_spans(self) -> None:
        text = self.document.text
        spans: list[Any] = [*self.article.paragraphs, *self.boilerplate, *self.comments, *self.claims, *self.timeline]
        spans += self.techniques
        spans += [s for s in (self.article.title, self.article.byline) if s is not None]
        for q in self.quotes:
            spans += [q.cue, q.content] + ([q.venue] if q.venue else [])
        for s in spans:
            if s.end > len(text) or s.start > s.end or text[s.start : s.end] != s.text:
                raise ValueError(f"span {s.start}:{s.end} does not match document.text")

    def _check_provenance(self) -> None:
        if self.provenance is None:
            return
        outlets = ([self.provenance.publisher] if self.provenance.publisher else []) + self.provenance.credited
        for o in outlets:
            for ev in o.evidence:
                if not 0 <= ev.start <= ev.end <= len(self.document.text):
                    raise ValueError(f"provenance evidence {ev.start}:{ev.end} lies outside document.text")

    def _check_comments(self) -> None:
        ids = {c.id for c in self.comments}
        if len(ids) != len(self.comments):
            raise ValueError("comment ids must be unique")
        for c in self.comments:
            if c.parent is not None and c.parent not in ids:
                raise ValueError(f"comment {c.id} replies to unknown comment {c.parent}")
            for lab in c.moderation.labels if c.moderation else []:
                for sp in lab.spans:
                    if not c.start <= sp.start <= sp.end <= c.end:
                        raise ValueError(f"moderation span {sp.start}:{sp.end} lies outside comment {c.id}")


def json_schema() -> dict[str, Any]:
    schema = Report.model_json_schema(by_alias=True, mode="serialization")
    schema["$id"] = "https://newssift.org/schema/newssift.report-1.schema.json"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
