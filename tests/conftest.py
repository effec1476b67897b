"""Shared test helpers: paths, the ../shared folder (skipped where absent), parsing text."""

from __future__ import annotations

from pathlib import Path

import pytest

from xxgk.parse import parse_bytes

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
SHARED = ROOT.parent / "shared"
SEED = ROOT / "data" / "sample" / "000_94358fe22916de47.txt"


def shared_file(relative: str) -> Path:
    """A file of ../shared; the test skips, saying why, where that folder is absent."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared is not laid beside this checkout")
    return path


def parse_text(text: str, path: str = "report.txt") -> dict:
    return parse_bytes(text.encode("utf-8"), path)


def rules(record: dict, severity: str | None = None) -> set[str]:
    return {f["rule"] for f in record["findings"] if severity in (None, f["severity"])}
