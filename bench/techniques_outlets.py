"""Technique rates per outlet on real war coverage (the Prta view): RUWA's headlines and sub-headings of 2022
Russia–Ukraine war news from 9 outlets (RT, TASS and News-Front; Ukrinform and Censor.net; Reuters, BBC,
Al Jazeera, MSNBC).

    .venv/bin/python bench/techniques_outlets.py        (about a minute; reads ../shared/data)

RUWA shares only titles and sub-headings, so these are rates over headline language, not whole articles. Up to
SAMPLE items per outlet (seeded), each read as one text: its title, or its sub-heading where it has no title
(RT's rows carry only sub-headings; Censor.net's sub-headings hold article text, so titles keep the outlets
comparable). Writes bench/results/techniques_outlets.json.
"""

from __future__ import annotations

import csv
import io
import json
import random
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import SHARED
from newssift.techniques import find_techniques
from newssift.techniques.outlets import OutletRates

RUWA = SHARED / "ruwa_russia_ukraine_war_news" / "RUWA_01.08.23.csv.zip"
RESULTS = Path(__file__).resolve().parent / "results" / "techniques_outlets.json"
SAMPLE = 300
SEED = 0


def items() -> dict[str, list[str]]:
    csv.field_size_limit(sys.maxsize)
    with zipfile.ZipFile(RUWA) as z:
        name = next(n for n in z.namelist() if n.endswith(".csv") and not n.startswith("__MACOSX"))
        rows = csv.DictReader(io.TextIOWrapper(z.open(name), encoding="utf-8"))
        by_site: dict[str, list[str]] = {}
        for row in rows:
            title = (row.get("title") or "").strip()
            desc = (row.get("desc") or "").strip()
            text = title or ("" if desc == "nan" else desc)  # RT's rows carry only the sub-heading
            if text:
                by_site.setdefault(row.get("Site") or "?", []).append(text)
    return by_site


def main() -> None:
    rng = random.Random(SEED)
    t0 = time.perf_counter()
    rates = []
    for site, texts in sorted(items().items()):
        chosen = rng.sample(texts, min(SAMPLE, len(texts)))
        r = OutletRates(site)
        for text in chosen:
            r.add(find_techniques(text, [(0, len(text))]))
        rates.append(r)
    rates.sort(key=lambda r: -(r.spans / max(1, r.words)))
    print(f"{'outlet':22s} {'items':>5} {'words':>7} {'spans/1k words':>14}  top techniques (per 1,000 words)")
    for r in rates:
        d = r.as_dict()
        top = ", ".join(f"{t} {v:.1f}" for t, v in sorted(r.per_1000_words.items(), key=lambda kv: -kv[1])[:3])
        print(f"{r.outlet:22s} {r.documents:>5} {r.words:>7} {d['spans_per_1000_words']:>14}  {top}")
    print(f"{time.perf_counter() - t0:.0f} s")
    RESULTS.parent.mkdir(exist_ok=True)
    summary = {"source": "RUWA (titles, or sub-headings)", "sample_per_outlet": SAMPLE, "seed": SEED}
    RESULTS.write_text(json.dumps({**summary, "outlets": [r.as_dict() for r in rates]}, indent=2) + "\n")


if __name__ == "__main__":
    main()
