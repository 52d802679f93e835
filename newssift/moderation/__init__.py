"""Comment moderation: labels (hate, violence, conspiracy, harassment, profanity, spam) with calibrated scores,
evidence spans and reasons, and a remove / review / allow action from a policy file.

    >>> import newssift
    >>> [r.action for r in newssift.moderate(["I am Jewish.", "Jews are vermin."])]
    ['allow', 'remove']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newssift.moderation.policy import Policy
from newssift.report import Moderation, ModerationLabel, Offsets


def to_report(verdict: object, offset: int = 0, policy_name: str | None = None) -> Moderation:
    """A stage Verdict as the report's Moderation, spans shifted by *offset* (the comment's start)."""
    from newssift.moderation.stage import Verdict

    assert isinstance(verdict, Verdict)
    return Moderation(
        labels=[
            ModerationLabel(
                label=lab.label,  # type: ignore[arg-type]
                score=lab.score,
                spans=[Offsets(start=s + offset, end=e + offset) for s, e in lab.spans],
                target=lab.target,
                reason=lab.reason,
            )
            for lab in verdict.labels
        ],
        action=verdict.action,  # type: ignore[arg-type]
        reasons=verdict.reasons,
        policy=policy_name,
    )


def _policy(policy: Policy | str | Path | None) -> Policy:
    """A loaded policy as it is, a policy file loaded, or the default policy."""
    from newssift.moderation.policy import load_policy

    return policy if isinstance(policy, Policy) else load_policy(Path(policy) if policy is not None else None)


def moderate(
    texts: Sequence[str],
    *,
    parents: Sequence[int | None] | None = None,
    policy: str | Path | None = None,
) -> list[Moderation]:
    """Moderate comments. ``parents[i]`` is the index of the comment that comment i replies to (or None), so a
    reply is judged with its parent in view. ``policy`` is a YAML policy file; the default policy otherwise.
    Spans in the results index each comment's own text."""
    from newssift.moderation.stage import judge

    pol = _policy(policy)
    return [to_report(v, 0, pol.name) for v in judge(list(texts), parents, policy=pol)]


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment of a stream: its id, text, and the id of the comment it replies to (or None)."""

    id: str
    text: str
    parent: str | None = None


@dataclass(slots=True)
class StreamMemo:
    """What a stream of comments had that the verdicts alone do not say: replies whose parent did not come before
    them (judged without it) and ids given twice (a reply to such an id is judged with the latest one)."""

    comments: int = 0
    unknown_parents: list[str] = field(default_factory=list)
    duplicate_ids: list[str] = field(default_factory=list)


def moderate_stream(
    comments: Iterable[Comment],
    *,
    policy: Policy | str | Path | None = None,
    batch_size: int = 500,
    memo: StreamMemo | None = None,
) -> Iterator[tuple[Comment, Moderation]]:
    """Moderate a stream of comments batch by batch, in constant memory apart from one entry per comment id (and
    a verdict for each comment a reply could inherit from), yielding each comment with its verdict in input order.
    A reply is judged with its parent in view when the parent came earlier in the stream, in any batch."""
    from newssift.moderation.stage import Verdict, can_pass_on, judge

    pol = _policy(policy)
    memo = memo if memo is not None else StreamMemo()
    seen: set[str] = set()
    passed_on: dict[str, Verdict] = {}  # verdicts of earlier comments a reply could take something from

    def run(batch: list[Comment]) -> Iterator[tuple[Comment, Moderation]]:
        if not batch:
            return
        position: dict[str, int] = {}
        parents: list[int | None] = []
        earlier: list[Verdict | None] = []
        for i, c in enumerate(batch):
            in_batch = position.get(c.parent) if c.parent is not None else None
            parents.append(in_batch)
            in_earlier = c.parent if c.parent is not None and in_batch is None else None  # a parent in an earlier batch
            earlier.append(passed_on.get(in_earlier) if in_earlier is not None else None)
            if in_earlier is not None and in_earlier not in seen:
                memo.unknown_parents.append(c.id)
            if c.id in seen:
                memo.duplicate_ids.append(c.id)
            seen.add(c.id)
            position[c.id] = i
        verdicts = judge([c.text for c in batch], parents, policy=pol, earlier_parents=earlier)
        for c, v in zip(batch, verdicts, strict=True):
            # the latest comment with an id is what later replies to it see, whether or not it has anything to pass
            # on: an earlier comment with the same id must not stand in for it
            if can_pass_on(v):
                passed_on[c.id] = v
            else:
                passed_on.pop(c.id, None)
            memo.comments += 1
            yield c, to_report(v, 0, pol.name)

    batch: list[Comment] = []
    try:
        for comment in comments:
            batch.append(comment)
            if len(batch) >= batch_size:
                yield from run(batch)
                batch = []
    except Exception:
        # the source failed (a malformed record): what it gave before still gets its verdicts, then the error
        yield from run(batch)
        raise
    if batch:
        yield from run(batch)


__all__ = ["Comment", "StreamMemo", "moderate", "moderate_stream", "to_report"]
