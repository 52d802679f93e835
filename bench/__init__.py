"""Benchmark scripts (``make bench``); the scoring helpers they share with the tests are in evaluation/."""

import subprocess
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"  # ../shared/data beside the repository
AEB = SHARED / "article_extraction_benchmark"
DRAGNET = SHARED / "dragnet"


def code_version() -> dict[str, object]:
    """The commit measured, and the files of newssift/ (and of train/ and bench/, where recipes live) that differed
    from it (others' work in progress)."""
    root = Path(__file__).resolve().parent.parent

    def git(*a: str) -> str:
        return subprocess.run(["git", *a], capture_output=True, text=True, check=False, cwd=root).stdout

    changed = [line.strip() for line in git("status", "--porcelain", "newssift").splitlines()]
    recipes = [line.strip() for line in git("status", "--porcelain", "train", "bench/*.py").splitlines()]
    return {
        "commit": git("rev-parse", "HEAD").strip(),
        "uncommitted_in_newssift": changed,
        "uncommitted_in_train_and_bench": recipes,
    }


def cpu_name() -> str:
    """The processor's model name (/proc/cpuinfo): speed figures are of one CPU, and this project's machines differ."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"
