"""The persuasion techniques newssift reports: the taxonomy of SemEval-2020 Task 11 / SemEval-2021 Task 6 (QCRI's Prta).

Each technique has a stable id (the report's ``label``), the name the SemEval data uses, and a one-line
definition that explanations are built from (after Da San Martino et al. 2019 and the task guidelines).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Technique:
    id: str
    name: str  # as written in the SemEval-2021 Task 6 data
    definition: str


TECHNIQUES: tuple[Technique, ...] = (
    Technique("loaded_language", "Loaded Language", "words chosen for their emotional charge rather than to inform"),
    Technique("name_calling", "Name calling/Labeling", "a label the audience fears, hates or looks down on"),
    Technique("smears", "Smears", "an attempt to damage someone's reputation instead of engaging their argument"),
    Technique("doubt", "Doubt", "questioning the credibility of someone or something without evidence"),
    Technique(
        "exaggeration", "Exaggeration/Minimisation", "representing something as far larger or smaller than it is"
    ),
    Technique("appeal_to_fear", "Appeal to fear/prejudice", "seeking support by instilling anxiety or panic"),
    Technique("flag_waving", "Flag-waving", "playing on patriotism or group identity to justify an idea"),
    Technique(
        "causal_oversimplification",
        "Causal Oversimplification",
        "a single cause given for an issue that has several",
    ),
    Technique("slogans", "Slogans", "a brief, striking phrase standing in for an argument"),
    Technique("appeal_to_authority", "Appeal to authority", "a claim held true because an authority says so"),
    Technique(
        "black_and_white",
        "Black-and-white Fallacy/Dictatorship",
        "two alternatives presented as the only ones possible",
    ),
    Technique(
        "thought_terminating_cliche",
        "Thought-terminating cliché",
        "a stock phrase that discourages critical thought and discussion",
    ),
    Technique("whataboutism", "Whataboutism", "deflecting criticism by pointing at the opponent's alleged hypocrisy"),
    Technique("repetition", "Repetition", "the same message repeated until the audience accepts it"),
    Technique(
        "glittering_generalities",
        "Glittering generalities (Virtue)",
        "a virtue word the audience approves of, attached to a cause in place of reasons",
    ),
    Technique(
        "straw_man",
        "Misrepresentation of Someone's Position (Straw Man)",
        "an opponent's position replaced by a weaker one that is easier to refute",
    ),
    Technique("reductio_ad_hitlerum", "Reductio ad hitlerum", "discrediting an idea by linking it to a hated group"),
    Technique(
        "obfuscation",
        "Obfuscation, Intentional vagueness, Confusion",
        "deliberately unclear words that let the audience read in what it likes",
    ),
    Technique("bandwagon", "Bandwagon", "an appeal to join in because 'everyone' already does"),
    Technique("red_herring", "Presenting Irrelevant Data (Red Herring)", "irrelevant material that diverts attention"),
)

BY_ID = {t.id: t for t in TECHNIQUES}
BY_NAME = {t.name: t for t in TECHNIQUES}
IDS = tuple(t.id for t in TECHNIQUES)


def explanation(technique_id: str, cue: str) -> str:
    """One line: what the technique is, and what in the text showed it."""
    t = BY_ID[technique_id]
    return f"{t.name.split('/')[0].split(' (')[0]}: {t.definition}; {cue}"
