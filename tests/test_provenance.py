"""Provenance: publisher, credited origins with evidence, the source registry, syndicated copies."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import newssift
from newssift.provenance import SyndicationIndex

STORY = (
    "Heavy rain flooded the river crossing near the old mill overnight, and the rail operator said trains between "
    "the two northern cities would not run before Monday. Replacement buses will leave every thirty minutes from the "
    "main station forecourt, the operator said in a statement. About 40,000 passengers use the line on a normal "
    "weekday, according to the regional transport authority. Engineers have been on site since dawn and will inspect "
    "the embankment once the water goes down. The last comparable flood, in 2017, closed the line for nine days and "
    "cost the operator an estimated 2.3 million euros in repairs and lost fares. Local councillors called for an "
    "independent review of the drainage works carried out along the embankment in 2019."
)
OTHER_OUTLET_SAME_EVENT = (
    "Trains between the two northern cities are cancelled until at least Monday after floodwater covered the tracks "
    "by the old mill, the rail company announced. Commuters face long waits: buses replace the trains, running twice "
    "an hour from the station. The regional transport authority says around 40,000 people travel on the route each "
    "weekday. A flood in 2017 shut the line for more than a week. Councillors want an inquiry into drainage work done "
    "on the embankment two years later."
)


def _report(text: str) -> newssift.Report:
    return newssift.analyze(text, moderate=False, claims=False)


def test_example_page_publisher_and_credited_origin(example_text: str) -> None:
    r = _report(example_text)
    assert r.provenance is not None
    pub = r.provenance.publisher
    assert pub is not None and pub.name == "Veterans Today" and pub.domain == "veteranstoday.com"
    assert pub.evidence and all(r.document.text[e.start : e.end] == "VT" for e in pub.evidence)
    lin = [x for x in pub.ratings if x.scale.startswith("domain quality pc1")]
    assert lin and 0 <= float(lin[0].value) <= 1 and "Lin" in lin[0].source and lin[0].as_of == "2023"
    (rt,) = r.provenance.credited
    assert rt.name == "RT" and rt.domain == "rt.com"
    assert [r.document.text[e.start : e.end] for e in rt.evidence] == ["Russia Today"]
    assert rt.state_affiliated is not None and rt.state_affiliated.country == "Russia"
    assert "2022/350" in rt.state_affiliated.citation


@pytest.mark.parametrize(
    ("page", "outlet", "domain", "evidence"),
    [
        (
            "Flood closes line\n\nLONDON (Reuters) - " + STORY + "\n\n(Reporting by A. Smith; Editing by B. Jones)",
            "Reuters",
            "reuters.com",
            "Reuters",
        ),
        ("Flood closes line\n\nBERLIN (AP) — " + STORY, "Associated Press", "apnews.com", "AP"),
        ("Flood closes line\n\nPARIS, March 3 (AFP) - " + STORY, "Agence France-Presse", "afp.com", "AFP"),
        ("Flood closes line\n\nMOSCOW, July 3. /TASS/. " + STORY, "TASS", "tass.com", "TASS"),
        (
            "Flood closes line\n\n" + STORY + "\n\nThis article originally appeared on Sputnik News.",
            "Sputnik",
            "sputniknews.com",
            "Sputnik News",
        ),
    ],
)
def test_wire_and_source_credits(page: str, outlet: str, domain: str, evidence: str) -> None:
    r = _report(page)
    assert r.provenance is not None
    names = {c.name: c for c in r.provenance.credited}
    assert outlet in names, names
    credit = names[outlet]
    assert credit.domain == domain
    assert evidence in [r.document.text[e.start : e.end] for e in credit.evidence]


def test_state_affiliation_only_where_a_record_exists() -> None:
    tass = _report("Flood\n\nMOSCOW, July 3. /TASS/. " + STORY).provenance
    assert tass is not None and tass.credited[0].state_affiliated is not None
    ap = _report("Flood\n\nBERLIN (AP) — " + STORY).provenance
    assert ap is not None and ap.credited[0].state_affiliated is None


def test_no_credit_means_no_credited_outlet() -> None:
    r = _report("Flood closes line\nBy Helga Brandt\n\n" + STORY)
    assert r.provenance is not None and r.provenance.credited == []
    assert r.provenance.publisher is None  # nothing names the publisher either


def test_publisher_from_url_and_site_name() -> None:
    html = (
        "<html><head><title>Flood</title><meta property='og:site_name' content='The Northern Wire'></head><body>"
        f"<article><h1>Flood</h1><p>{STORY}</p></article></body></html>"
    )
    r = newssift.analyze(html, url="https://www.reuters.com/world/flood-2024/", moderate=False, claims=False)
    assert r.provenance is not None and r.provenance.publisher is not None
    assert r.provenance.publisher.domain == "reuters.com" and r.provenance.publisher.how == ["the page's URL"]


def test_lookup_source() -> None:
    rt = newssift.lookup_source("Russia Today")
    assert rt.domain == "rt.com" and rt.state_affiliated is not None
    assert newssift.lookup_source("https://www.rt.com/russia/558290/").domain == "rt.com"
    vt = newssift.lookup_source("veteranstoday.com")
    assert vt.name == "Veterans Today" and vt.ratings
    unknown = newssift.lookup_source("no-such-outlet.example")
    assert not unknown.known


def test_source_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "newssift", "source", "sputniknews.com", "--format", "json"],
        capture_output=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "NEWSSIFT_DEBUG"},
    )
    data = json.loads(out.stdout)
    assert data["name"] == "Sputnik" and data["state_affiliated"]["country"] == "Russia"
    missing = subprocess.run(
        [sys.executable, "-m", "newssift", "source", "nope.example"], capture_output=True, timeout=60
    )
    assert missing.returncode != 0 and b"Traceback" not in missing.stderr


def test_same_origin_variants() -> None:
    words = STORY.split()
    truncated = " ".join(words[: len(words) // 2])
    new_headline_and_ads = (
        "SHOCKING: what the rail company won't tell you\n\nAdvertisement\nBuy the best umbrellas at our shop!\n\n"
        + STORY.replace("according to", "says")
        + "\n\nSponsored: cheap flights to the sun."
    )
    embedded = (
        "Other news: the city zoo welcomed two penguin chicks this week. " * 8
        + STORY
        + (" In sport, the local team lost 2-1 at home on Saturday." * 8)
    )
    for copy in (truncated, new_headline_and_ads, embedded):
        same, score = newssift.same_origin(STORY, copy)
        assert same, score
    same, score = newssift.same_origin(STORY, OTHER_OUTLET_SAME_EVENT)
    assert not same and score < 0.2


def test_syndication_index() -> None:
    index = SyndicationIndex()
    index.add("original", STORY)
    index.add("other-outlet", OTHER_OUTLET_SAME_EVENT)
    index.add("unrelated", "The city zoo welcomed two penguin chicks this week, keepers said on Friday. " * 5)
    hits = index.query(STORY + " Advertisement: cheap flights.")
    assert [k for k, _s in hits] == ["original"]
