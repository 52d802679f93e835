from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "republished-article-with-comments.txt"
DATA = SHARED / "data"
EXAMPLES = ROOT / "examples"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (test data) is not beside the checkout")


@pytest.fixture(scope="session")
def example_text() -> str:
    if not EXAMPLE.exists():
        pytest.skip("../shared/examples is not beside the checkout")
    return EXAMPLE.read_text(encoding="utf-8")
