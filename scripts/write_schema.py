"""Write the report's JSON Schema to schema/newssift.report-1.schema.json (run by `make schema`)."""

from __future__ import annotations

import json
from pathlib import Path

from newssift.report import json_schema

OUT = Path(__file__).resolve().parent.parent / "schema" / "newssift.report-1.schema.json"


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
