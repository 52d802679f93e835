"""The user's README and docs (issue 34): the README stays short and carries both set-up commands, and no relative
link in README.md, CHANGELOG.md or docs/ points at a file that does not exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _pages() -> list[Path]:
    return [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md"))]


def _broken(page: Path, root: Path = ROOT) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)  # code blocks hold no links
    broken = []
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue  # a web address, or a heading of the same page
        path = (page.parent / target.split("#", 1)[0]).resolve()
        if not path.exists():
            broken.append(f"{page.relative_to(root)} -> {target}")
    return broken


def test_readme_is_short_and_has_both_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) <= 12 * 1024
    assert "make demo" in readme and "make test" in readme


def test_no_relative_link_is_broken() -> None:
    assert [b for page in _pages() for b in _broken(page)] == []


def test_the_check_finds_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "there.md").write_text("x", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text("[ok](there.md) [web](https://example.org/) [gone](missing.md#part)\n```\n[code](nope.md)\n```\n")
    assert _broken(page, tmp_path) == ["page.md -> missing.md#part"]


def test_readme_figures_are_the_generated_ones() -> None:
    """The README's table of figures is what scripts/figures.py makes from bench/results (run it with --write after
    a bench run)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("figures", ROOT / "scripts" / "figures.py")
    assert spec is not None and spec.loader is not None
    figures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(figures)
    assert figures.readme_block((ROOT / "README.md").read_text(encoding="utf-8")) == figures.block()
