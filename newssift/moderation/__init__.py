"""Comment moderation: labels (hate, violence, conspiracy, harassment, profanity, spam) with calibrated scores,
evidence spans and reasons, and a remove / review / allow action from a policy file.

    >>> import newssift
    >>> [r.action for r in newssift.moderate(["I am Jewish.", "Jews are vermin."])]
    ['allow', 'remove']
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

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


def moderate(
    texts: Sequence[str],
    *,
    parents: Sequence[int | None] | None = None,
    policy: str | Path | None = None,
) -> list[Moderation]:
    """Moderate comments. ``parents[i]`` is the index of the comment that comment i replies to (or None), so a
    reply is judged with its parent in view. ``policy`` is a YAML policy file; the default policy otherwise.
    Spans in the results index each comment's own text."""
    from newssift.moderation.policy import load_policy
    from newssift.moderation.stage import judge

    pol = load_policy(Path(policy) if policy is not None else None)
    return [to_report(v, 0, pol.name) for v in judge(list(texts), parents, policy=pol)]


__all__ = ["moderate", "to_report"]
