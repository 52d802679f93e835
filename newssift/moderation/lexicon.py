"""Lexicons and patterns for moderation: where a rule explains better than a weight.

The rules are data: ``newssift/data/moderation/rules/*.toml``, one file per family (slurs, groups, antisemitic tropes,
threats, conspiracy narratives, insults, profanity, spam, derogation, context cues), each entry with its pattern, the
label shown to a moderator, its score where it has one, and the reason it is a rule rather than a model's decision.
This module loads them once, at import, and builds the compiled patterns under the names the stage uses; a file that
breaks the format (a missing label or reason, an unknown key or fragment, a pattern that does not compile, an entry no
code reads) stops the import with the file and entry named. The format, how to add a rule, and the policy that no rule
is written from an evaluation set's failure list: ``newssift/data/moderation/rules/README.md``.

Antisemitic tropes follow the examples of the IHRA working definition of antisemitism (2016); conspiracy cues follow
the narratives annotated in PAN 2024 and PRCT. All patterns but NAME_BEFORE are matched case-insensitively on the
comment text; spans are character offsets into it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newssift.models import package_dir
from newssift.moderation.screen import Screen

RULES_DIR = package_dir("moderation") / "rules"

_REF = re.compile(r"\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}")  # a fragment named in a pattern: {{NAME}}
_COMMON = {"label", "reason", "since", "notes", "pattern"}
_KEYS = {
    "fragments": _COMMON | {"words", "export"},
    "patterns": _COMMON | {"case_sensitive"},
    "groups": _COMMON | {"report"},
    "rules": _COMMON | {"name", "score", "reportable", "needs_jewish_term"},
}


def _trie(words: list[str]) -> str:
    """A regex matching exactly *words*, factored by common prefixes: Python's re tries the alternatives of a
    plain alternation one by one at every position, a trie only those that share the next character."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return build(tree)


@dataclass
class Entry:
    """One entry of a rule file: a fragment, a pattern, a group or a rule of a list."""

    file: str
    kind: str  # fragments, patterns, groups, rules
    key: str  # the fragment's or pattern's name; the group's label; the rule list's name
    data: dict[str, Any]

    @property
    def label(self) -> str:
        return str(self.data["label"])

    @property
    def where(self) -> str:
        name = self.data.get("name") or (self.label if self.kind in ("groups", "rules") else "")
        return f"{self.file}: {self.kind}.{self.key}" + (f" ({name})" if name and name != self.key else "")

    def source(self) -> str:
        """The pattern as written, fragments not yet filled in: the pieces of a list are joined as they are."""
        if "words" in self.data:
            return _trie(" ".join(self.data["words"]).split())
        p = self.data["pattern"]
        return p if isinstance(p, str) else "".join(p)


@dataclass
class Rules:
    """Every entry of every rule file, by kind, in file order."""

    fragments: dict[str, Entry] = field(default_factory=dict)
    patterns: dict[str, Entry] = field(default_factory=dict)
    groups: list[Entry] = field(default_factory=list)
    rules: dict[str, list[Entry]] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)  # the names the code has read (see unread)

    def entries(self) -> list[Entry]:
        return [
            *self.fragments.values(),
            *self.patterns.values(),
            *self.groups,
            *(e for v in self.rules.values() for e in v),
        ]

    def expand(self, entry: Entry, _seen: tuple[str, ...] = ()) -> str:
        """The entry's pattern with every {{FRAGMENT}} filled in (fragments may name fragments, not in a cycle)."""

        def fill(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in self.fragments:
                raise ValueError(f"{entry.where}: no fragment named {name!r}")
            if name in _seen:
                raise ValueError(f"{entry.where}: fragment {name!r} names itself")
            return self.expand(self.fragments[name], (*_seen, name))

        return _REF.sub(fill, entry.source())

    def compile(self, entry: Entry) -> re.Pattern[str]:
        try:
            return re.compile(self.expand(entry), 0 if entry.data.get("case_sensitive") else re.I)
        except re.error as e:
            raise ValueError(f"{entry.where}: the pattern does not compile: {e}") from None

    def pattern(self, name: str) -> re.Pattern[str]:
        self.taken.add(f"patterns.{name}")
        return self.compile(self.patterns[name])

    def fragment(self, name: str) -> str:
        """An exported fragment, filled in: a regex text other modules build on."""
        self.taken.add(f"fragments.{name}")
        return self.expand(self.fragments[name])

    def rule_list(self, name: str) -> list[Entry]:
        self.taken.add(f"rules.{name}")
        return self.rules[name]

    def scored(self, name: str) -> list[tuple[re.Pattern[str], str, float]]:
        """A rule list whose entries each have a score: (pattern, label, score) in file order."""
        entries = self.rule_list(name)
        for e in entries:
            if "score" not in e.data:
                raise ValueError(f"{e.where}: the rules of {name} need a score")
        return [(self.compile(e), e.label, float(e.data["score"])) for e in entries]

    def unscored(self, name: str) -> list[tuple[re.Pattern[str], str]]:
        """A rule list without scores (the stage gives them theirs): (pattern, label) in file order."""
        entries = self.rule_list(name)
        for e in entries:
            if "score" in e.data:
                raise ValueError(f"{e.where}: the rules of {name} take no score (the stage decides it)")
        return [(self.compile(e), e.label) for e in entries]

    def named(self, name: str) -> Entry:
        """The rule with ``name = NAME``: the stage compares a match's label with a named rule's."""
        found = [e for v in self.rules.values() for e in v if e.data.get("name") == name]
        if len(found) != 1:
            raise ValueError(f"{len(found)} rules are named {name!r}; one was expected")
        return found[0]

    def unread(self) -> list[str]:
        """Patterns, rule lists and exported fragments that no code reads, and fragments no pattern names: each is a
        rule that would silently do nothing."""
        out = [f"patterns.{k}" for k in self.patterns] + [f"rules.{k}" for k in self.rules]
        out += [f"fragments.{k}" for k, e in self.fragments.items() if e.data.get("export")]
        named = {m.group(1) for e in self.entries() if "pattern" in e.data for m in _REF.finditer(e.source())}
        return [k for k in out if k not in self.taken] + [
            f"fragments.{k}" for k, e in self.fragments.items() if not e.data.get("export") and k not in named
        ]


def _check(entry: Entry) -> None:
    d = entry.data
    unknown = set(d) - _KEYS[entry.kind]
    if unknown:
        raise ValueError(f"{entry.where}: unknown keys {sorted(unknown)}")
    for key in ("label", "reason"):
        if not isinstance(d.get(key), str) or not d[key].strip():
            raise ValueError(f"{entry.where}: every entry needs a {key} (a non-empty string)")
    pattern = d.get("pattern")
    if ("words" in d) == (pattern is not None):
        raise ValueError(f"{entry.where}: give either pattern or words")
    if pattern is not None and not (
        isinstance(pattern, str) or (isinstance(pattern, list) and pattern and all(isinstance(p, str) for p in pattern))
    ):
        raise ValueError(f"{entry.where}: pattern is a string or a list of strings")
    if (
        entry.kind == "rules"
        and "score" in d
        and (isinstance(d["score"], bool) or not isinstance(d["score"], int | float))
    ):
        raise ValueError(f"{entry.where}: score is a number")
    notes = d.get("notes", "")
    if not isinstance(d.get("since", ""), str) or not (
        isinstance(notes, str) or (isinstance(notes, list) and all(isinstance(n, str) for n in notes))
    ):
        raise ValueError(f"{entry.where}: since is a string, notes a string or a list of strings")


def load(directory: Path = RULES_DIR) -> Rules:
    """Every ``*.toml`` of *directory*, in name order; a name given twice, or a malformed entry, is an error."""
    rules = Rules()
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise ValueError(f"no rule files in {directory}")
    for path in files:
        with path.open("rb") as f:
            doc = tomllib.load(f)
        unknown = set(doc) - {"description", *_KEYS}
        if unknown:
            raise ValueError(f"{path.name}: unknown tables {sorted(unknown)}")
        for kind in ("fragments", "patterns"):
            table: dict[str, Entry] = getattr(rules, kind)
            for name, data in doc.get(kind, {}).items():
                entry = Entry(path.name, kind, name, data)
                if name in table:
                    raise ValueError(f"{entry.where}: also defined in {table[name].file}")
                _check(entry)
                table[name] = entry
        if doc.get("groups"):
            if rules.groups:
                raise ValueError(f"{path.name}: groups are already listed in {rules.groups[0].file}")
            for data in doc["groups"]:
                entry = Entry(path.name, "groups", str(data.get("label")), data)
                _check(entry)
                rules.groups.append(entry)
        for name, items in doc.get("rules", {}).items():
            if name in rules.rules:
                raise ValueError(f"{path.name}: rules.{name} is already listed in {rules.rules[name][0].file}")
            rules.rules[name] = []
            for data in items:
                entry = Entry(path.name, "rules", name, data)
                _check(entry)
                rules.rules[name].append(entry)
    for entry in rules.entries():
        if entry.kind != "fragments":
            rules.compile(entry)  # every pattern compiles, every fragment it names exists
    return rules


_R = load()

# ------------------------------------------------------------------------------------------ groups (targets)

GROUPS: dict[str, re.Pattern[str]] = {e.label: _R.compile(e) for e in _R.groups}
_BY_MATCH = {e.label for e in _R.groups if e.data.get("report") == "word"}
_R.taken.add("groups")


def group_name(name: str, matched: str) -> str:
    """The target to report for a GROUPS match: the group's name, or for origin groups the word matched."""
    return matched.strip().capitalize() if name in _BY_MATCH else name


# ------------------------------------------------------------------------------------------ derogation, context

DEROGATORY = _R.fragment("DEROGATORY")
REPORTING_VERB = _R.pattern("REPORTING_VERB")
MENTIONED = _R.pattern("MENTIONED")
REPORTED_SPEECH = _R.pattern("REPORTED_SPEECH")
CLAUSE_SUBJECT = _R.pattern("CLAUSE_SUBJECT")
DEROGATION = _R.pattern("DEROGATION")
SLURS = _R.pattern("SLURS")
NAME_BEFORE = _R.pattern("NAME_BEFORE")  # case-sensitive: proper_name asks it only of capitalised matches


def proper_name(text: str, start: int) -> bool:
    """Whether the word at *start* is capitalised and written as part of a name (see NAME_BEFORE)."""
    return (
        text[start : start + 1].isupper()
        and text[start + 1 : start + 2].islower()
        and (NAME_BEFORE.search(text, max(0, start - 40), start) is not None)
    )


# ------------------------------------------------------------------------------------------ antisemitic tropes

ANTISEMITIC_TROPES: list[tuple[re.Pattern[str], str]] = _R.unscored("ANTISEMITIC_TROPES")
HOLOCAUST_DENIAL = _R.named("HOLOCAUST_DENIAL").label
HITLER_JUSTIFIED = _R.named("HITLER_JUSTIFIED").label
ROTHSCHILD = _R.named("ROTHSCHILD").label
JEWISH_CONTROL = _R.named("JEWISH_CONTROL").label
JEWISH_CORRUPTING = _R.named("JEWISH_CORRUPTING").label
JEWISH_IMMIGRATION = _R.named("JEWISH_IMMIGRATION").label
# the tropes a reporting verb before them makes someone else's words
REPORTABLE = {e.label for e in _R.rules["ANTISEMITIC_TROPES"] if e.data.get("reportable")}
# the tropes the stage tries only where JEWISH_TERM matches (they are the slowest patterns)
NEEDS_JEWISH_TERM = {e.label for e in _R.rules["ANTISEMITIC_TROPES"] if e.data.get("needs_jewish_term")}
JEWISH_TERM = _R.pattern("JEWISH_TERM")
JEWISH_TOPIC = _R.pattern("JEWISH_TOPIC")

# ------------------------------------------------------------------------------------------ violence

VIOLENCE: list[tuple[re.Pattern[str], str, float]] = _R.scored("VIOLENCE")
REPORTED_VIOLENCE = _R.pattern("REPORTED_VIOLENCE")
VIOLENCE_IDIOMS = _R.pattern("VIOLENCE_IDIOMS")

# ------------------------------------------------------------------------------------------ conspiracy

CONSPIRACY_AGENT = _R.fragment("CONSPIRACY_AGENT")
CONSPIRACY: list[tuple[re.Pattern[str], str, float]] = _R.scored("CONSPIRACY")
NAMED_AS_MYTH = _R.pattern("NAMED_AS_MYTH")
CONSPIRACY_DENIED_BEFORE = _R.pattern("CONSPIRACY_DENIED_BEFORE")
CONSPIRACY_DENIED_AFTER = _R.pattern("CONSPIRACY_DENIED_AFTER")
CONSPIRACY_REBUTTED = _R.pattern("CONSPIRACY_REBUTTED")
NARRATIVE_DENIED = _R.pattern("NARRATIVE_DENIED")
CONSPIRACY_REPORTED = _R.pattern("CONSPIRACY_REPORTED")

# ------------------------------------------------------------------------------------------ profanity, insults, spam

PROFANITY = _R.pattern("PROFANITY")
INSULT = _R.fragment("INSULT")
HARASSMENT: list[tuple[re.Pattern[str], str, float]] = _R.scored("HARASSMENT")
URL = _R.pattern("URL")
SPAM: list[tuple[re.Pattern[str], str, float]] = _R.scored("SPAM")
SPAM_WITH_LINK: list[tuple[re.Pattern[str], str, float]] = _R.scored("SPAM_WITH_LINK")
COUNTER_SPEECH = _R.pattern("COUNTER_SPEECH")
NEGATIVE_PREDICATE = _R.pattern("NEGATIVE_PREDICATE")
POSITIVE_PREDICATE = _R.pattern("POSITIVE_PREDICATE")
SELF_IDENTIFICATION = _R.pattern("SELF_IDENTIFICATION")
NEGATION = _R.pattern("NEGATION")
AGREEMENT = _R.pattern("AGREEMENT")
THEY = _R.pattern("THEY")

if _R.unread():
    raise ValueError(f"rule entries no code reads (a typo, or a family the stage does not know): {_R.unread()}")

# which of the patterns above can match a comment, found in one pass (see screen.py): the stage runs only those
SCREEN = Screen(
    [rx for family in (ANTISEMITIC_TROPES, VIOLENCE, CONSPIRACY, HARASSMENT, SPAM) for rx, *_ in family]
    + list(GROUPS.values())
    + [COUNTER_SPEECH, SLURS, JEWISH_TERM, JEWISH_TOPIC, NEGATIVE_PREDICATE, POSITIVE_PREDICATE]
    + [SELF_IDENTIFICATION, VIOLENCE_IDIOMS, REPORTED_VIOLENCE, PROFANITY, URL, AGREEMENT]
)


def names_a_group(text: str) -> bool:
    """Whether any of GROUPS is named in the text (most comments name none: the screen then runs no group pattern)."""
    scan = SCREEN(text)
    return any(scan.search(rx) is not None for rx in GROUPS.values())
