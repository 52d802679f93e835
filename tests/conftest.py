from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "republished-article-with-comments.txt"
DATA = SHARED / "data"
EXAMPLES = ROOT / "examples"

#: Tests that read the labelled data in ../shared carry this mark (or call require_shared): without it they are
#: skipped, counted in one line at the end of the run, and under CI (CI=true) they fail instead.
needs_shared = pytest.mark.needs_shared
_MISSING = "test data missing:"  # how such a skip or failure starts; the summary counts them by it


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_shared(path: Path = SHARED) -> None:
    """Skip the calling test (fail it under CI=true) when ``path``, in ../shared, is not there."""
    if path.exists():
        return
    message = f"{_MISSING} {path}"
    if _in_ci():
        pytest.fail(f"{message} (CI runs every test: put shared/ beside the checkout)", pytrace=False)
    pytest.skip(message)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs_shared: the test reads ../shared (skipped without it, failed in CI)")


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("needs_shared") is not None:
        require_shared()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line saying what the run could not test for want of ../shared, so that skips are never silent."""
    reports = [r for key in ("skipped", "failed", "error") for r in terminalreporter.stats.get(key, [])]
    missing = [r for r in reports if _MISSING in str(getattr(r, "longrepr", "") or "")]
    if missing:
        terminalreporter.write_line(
            f"newssift: {len(missing)} tests could not run: the test data in {SHARED} is missing "
            f"({'failed, as CI=true' if _in_ci() else 'skipped'})",
            yellow=True,
            bold=True,
        )


@pytest.fixture(scope="session")
def example_text() -> str:
    require_shared(EXAMPLE)
    return EXAMPLE.read_text(encoding="utf-8")
