"""Moderation policy: a YAML file mapping labels and scores to remove / review / allow.

The default policy ships as ``newssift/data/policy-default.yaml`` (documented there). A policy names, per
label, the score at or above which a comment is removed and the score at or above which it goes to review;
``null`` means never. The action of a comment is the most severe one any of its labels reaches.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from newssift.errors import InputError

ACTIONS = ("allow", "review", "remove")
LABELS = ("hate", "violence", "conspiracy", "harassment", "profanity", "spam")


@dataclass(frozen=True, slots=True)
class Threshold:
    remove: float | None
    review: float | None


@dataclass(frozen=True, slots=True)
class Policy:
    name: str
    thresholds: Mapping[str, Threshold]  # read-only: the default policy is one object shared by the whole process

    def action(self, scores: dict[str, float]) -> tuple[str, list[str]]:
        """The action for these label scores, and which labels decided it."""
        action = "allow"
        why: list[str] = []
        for label, score in scores.items():
            t = self.thresholds.get(label)
            if t is None:
                continue
            if t.remove is not None and score >= t.remove:
                level = "remove"
            elif t.review is not None and score >= t.review:
                level = "review"
            else:
                continue
            if ACTIONS.index(level) > ACTIONS.index(action):
                action, why = level, [label]
            elif level == action:
                why.append(label)
        return action, why


def _num(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise InputError(f"{where} must be a number from 0 to 1, or null")
    return float(value)


def parse_policy(data: Any, name: str = "policy") -> Policy:
    if not isinstance(data, dict) or not isinstance(data.get("labels"), dict):
        raise InputError(f"{name}: expected a mapping with a 'labels' section")
    thresholds: dict[str, Threshold] = {}
    for label, spec in data["labels"].items():
        if label not in LABELS:
            raise InputError(f"{name}: unknown label {label!r} (known: {', '.join(LABELS)})")
        if not isinstance(spec, dict) or set(spec) - {"remove", "review"}:
            raise InputError(f"{name}: labels.{label} takes 'remove' and 'review' scores")
        remove = _num(spec.get("remove"), f"{name}: labels.{label}.remove")
        review = _num(spec.get("review"), f"{name}: labels.{label}.review")
        if remove is not None and review is not None and review > remove:
            raise InputError(f"{name}: labels.{label}: review threshold is above the remove threshold")
        thresholds[label] = Threshold(remove, review)
    return Policy(str(data.get("name", name)), MappingProxyType(thresholds))


@lru_cache(maxsize=1)
def _default_policy() -> Policy:
    # read once per process: parsing the YAML took longer than judging a comment (Policy is frozen)
    text = (resources.files("newssift") / "data" / "policy-default.yaml").read_text(encoding="utf-8")
    return parse_policy(yaml.safe_load(text), "default policy")


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """PyYAML's error in one line: its message spans several (the context, a copy of the line, a caret)."""
    mark = getattr(exc, "problem_mark", None)
    where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
    return " ".join(f"{getattr(exc, 'problem', None) or exc}{where}".split())


def load_policy(path: Path | None = None) -> Policy:
    """A policy file, or the default policy shipped with newssift."""
    if path is None:
        return _default_policy()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"no such policy file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read policy file {path}: {getattr(exc, 'strerror', None) or exc}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"policy {path} is not valid YAML: {_yaml_problem(exc)}") from None
    return parse_policy(data, str(path))
