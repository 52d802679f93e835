"""Rebuild newssift's source registry from ../shared/data (run by hand; the result ships in the package).

    .venv/bin/python scripts/build_registry.py

Sources, each rating kept with its scale, value, citation and date:
- Lin et al. 2023 (PNAS Nexus), aggregate domain quality pc1 (0..1) for 11,520 domains;
- Baly et al. 2018 (EMNLP) and 2020 (ACL): MBFC-derived factuality (low / mixed / high) and bias.
Writes newssift/data/sources/registry.json.gz.
"""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "newssift" / "data" / "sources" / "registry.json.gz"

LIN = (
    "Lin, Lasser, Lewandowsky, Cole, Gully, Rand & Pennycook (2023), High level of correspondence across different "
    "news domain quality rating sets, PNAS Nexus 2(9) pgad286, doi:10.1093/pnasnexus/pgad286"
)
BALY = {
    "emnlp18": (
        "2018",
        "Baly, Karadzhov, Alexandrov, Glass & Nakov (2018), Predicting Factuality of Reporting and Bias of News "
        "Media Sources, EMNLP 2018; labels from Media Bias/Fact Check",
    ),
    "acl2020": (
        "2020",
        "Baly, Karadzhov, An, Kwak, Dinkov, Ali, Glass & Nakov (2020), What Was Written vs. Who Read It: News Media "
        "Profiling Using Text Analysis and Social Media Context, ACL 2020; labels from Media Bias/Fact Check",
    ),
}


def norm(domain: str) -> str:
    d = domain.strip().lower()
    for prefix in ("https://", "http://"):
        d = d.removeprefix(prefix)
    d = d.split("/")[0].removeprefix("www.")
    return d


def main() -> None:
    registry: dict[str, list[dict[str, object]]] = {}
    with (DATA / "domain_quality_ratings" / "domain_pc1.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            registry.setdefault(norm(row["domain"]), []).append(
                {
                    "scale": "domain quality pc1 (0 = lowest, 1 = highest)",
                    "value": round(float(row["pc1"]), 4),
                    "source": LIN,
                    "as_of": "2023",
                }
            )
    for corpus, (year, citation) in BALY.items():
        with (DATA / "news_media_reliability_baly" / corpus / "corpus.tsv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                domain = norm(row["source_url"])
                entry = registry.setdefault(domain, [])
                entry.append(
                    {
                        "scale": "MBFC factuality (low / mixed / high)",
                        "value": row["fact"],
                        "source": citation,
                        "as_of": year,
                        "ref": row["ref"],
                    }
                )
                entry.append(
                    {"scale": "MBFC bias", "value": row["bias"], "source": citation, "as_of": year, "ref": row["ref"]}
                )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(registry, separators=(",", ":"), sort_keys=True).encode("utf-8")
    OUT.write_bytes(gzip.compress(payload, mtime=0))  # mtime 0: the same data gives the same bytes
    print(f"wrote {len(registry):,} domains to {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
