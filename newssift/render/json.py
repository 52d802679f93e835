"""JSON: exactly ``report.model_dump(mode="json")``, so the CLI and the Python API agree byte for byte."""

from __future__ import annotations

import json

from newssift.report import Report


def render_json(report: Report) -> str:
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
