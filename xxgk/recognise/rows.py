"""Row labels of the tables and how they are found in a stream of atoms.

Each row has short exact *anchors* (the words no other row has) and its full label for fuzzy
matching (typos, cut or re-spaced labels). Matching runs on the text atoms joined without
separators, so a label broken over lines, over cells or around its own numbers (PDF text) is
still one string.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from xxgk.model import anchors, exact_only, request_row_label, rows_of, spec_cache
from xxgk.recognise.atoms import Atom
from xxgk.recognise.normalize import compact

DEFAULT_FUZZY_SCORE = 80.0


@dataclass(frozen=True)
class RowLabel:
    row: str
    anchors: tuple[str, ...]
    label: str
    exact_only: bool = False


@spec_cache
def request_labels(template: str) -> tuple[RowLabel, ...]:
    """The rows of section 三 in print order for one format, with their anchors and words
    from spec/templates.toml."""
    return tuple(RowLabel(row, anchors(template, f"requests.{row}"),
                          item_label(request_row_label(template, row)),
                          exact_only(f"requests.{row}"))
                 for row in rows_of(template))


def item_label(label: str) -> str:
    """The row's own words for fuzzy matching: the last part of its label, without group
    label or numbering ('（三）不予公开 1.属于国家秘密' → '属于国家秘密')."""
    last = re.sub(r"\s*\([^)]*[A-Za-z][^)]*\)\s*$", "", label).split()[-1]
    return re.sub(r"^\d+", "", compact(last))


@dataclass(frozen=True)
class Hit:
    """Where a label was found: char span in the compact text, and the atoms it covers."""

    lo: int
    hi: int  # one past the last char
    first: int
    last: int


class LabelIndex:
    """The text atoms of a span joined into one compact string, searchable by label.

    Positions are chars of that string, not atoms: labels run together into one atom
    (行政处罚行政强制12, layout T10) are still told apart.
    """

    def __init__(self, atoms: list[Atom]) -> None:
        self.atoms = atoms
        chars: list[str] = []
        owner: list[int] = []
        for i, atom in enumerate(atoms):
            if atom.kind == "text":
                piece = compact(atom.text)
                chars.append(piece)
                owner.extend([i] * len(piece))
        self.text = "".join(chars)
        self.owner = owner

    def past_numbers(self, hit: Hit) -> Hit | None:
        """A fuzzy hit that spans numbers reached back into the row before (whose label
        ended in a piece the match took): keep only what follows the last of them."""
        numbers = [i for i in range(hit.first, hit.last + 1) if self.atoms[i].is_num]
        if not numbers:
            return hit
        lo = bisect_left(self.owner, numbers[-1] + 1)
        return self._hit(lo, hit.hi) if lo < hit.hi else None

    def _hit(self, lo: int, hi: int) -> Hit:
        return Hit(lo, hi, self.owner[lo], self.owner[hi - 1])

    def find_exact(self, anchors: tuple[str, ...], lo: int = 0, hi: int | None = None
                   ) -> Hit | None:
        """The earliest occurrence of any anchor within chars [lo, hi)."""
        hi = len(self.text) if hi is None else hi
        best: Hit | None = None
        for anchor in anchors:
            pos = self.text.find(anchor, lo, hi)
            if pos >= 0 and (best is None or pos < best.lo):
                best = self._hit(pos, pos + len(anchor))
        return best

    def find_fuzzy(self, label: str, lo: int = 0, hi: int | None = None,
                   score: float = DEFAULT_FUZZY_SCORE) -> Hit | None:
        """Best fuzzy occurrence of a full label within chars [lo, hi) (typos, cut labels)."""
        window = self.text[lo:hi]
        if len(label) < 4 or not window:
            return None
        hit = fuzz.partial_ratio_alignment(label, window, score_cutoff=score)
        if hit is None or hit.dest_end - hit.dest_start < 3:
            return None
        return self._hit(lo + hit.dest_start, lo + hit.dest_end)


DEFAULT_LOOKAHEAD = 3


def locate_rows(index: LabelIndex, labels: Sequence[RowLabel],
                table_heads: tuple[str, ...] = ()) -> dict[str, Hit]:
    """Row → where its label is, in print order; rows not found are absent.

    The search starts at the table's first header word (``table_heads``) when there is one, so
    prose before the table (本年新收申请15件) is not taken for a row. Exact anchors first, each
    accepted only if none of the next rows' (distinctive) anchors comes before it (a missing
    row must not pull the cursor past its neighbours); then fuzzy matching of the full label in
    the gaps that are left.
    """
    found: dict[str, Hit] = {}
    head = index.find_exact(table_heads) if table_heads else None
    cursor = head.lo if head else 0
    for i, label in enumerate(labels):
        hit = index.find_exact(label.anchors, cursor)
        if hit is None:
            continue
        ahead = [index.find_exact(nxt.anchors, cursor) for nxt in
                 labels[i + 1:i + 1 + DEFAULT_LOOKAHEAD] if not nxt.exact_only]
        if any(h is not None and h.lo < hit.lo for h in ahead):
            continue
        found[label.row] = hit
        cursor = hit.hi
    for i, label in enumerate(labels):
        if label.row in found or label.exact_only:
            continue
        after = [found[x.row].lo for x in labels[i + 1:] if x.row in found]
        hi = after[0] if after else None
        prev = [found[x.row] for x in labels[:i] if x.row in found]
        lo = prev[-1].hi if prev else (head.lo if head else 0)
        hit = index.find_fuzzy(label.label, lo, hi) if hi is None or lo < hi else None
        if hit is not None and (hit := index.past_numbers(hit)) is not None:
            found[label.row] = hit
    return dict(sorted(found.items(), key=lambda item: item[1].lo))
