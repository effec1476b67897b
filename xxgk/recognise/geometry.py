"""PDF tables read by their geometry (issue 8): positioned words → the same cell grids that web
pages and Word files give, read by the same grid readers.

A PDF's text flow loses which line a number belongs to: a label cell taller than one line is
printed vertically centred, so its numbers stand between, above or below the label's lines, and
group labels run down the side one character per line. The boxes keep what the flow loses:

- a table's *columns* are the cells between its vertical rules (those holding a number, or a
  header: a column printed all blank); without rules, they follow from how the numbers are
  aligned (right, left or centred); every number is placed by the column it stands in;
- a table's *rows* are its lines of numbers; a row's label is every label block (the words of
  one label cell, over as many lines as it wraps) whose middle is nearest that row's middle;
  a block that spans two rows' numbers is a group label (三、本年度办理结果, （三）不予公开) and
  names no row; words written one character per line are one such block;
- the *header* is every line above the first row of numbers that has words over the columns:
  a word over one column names it, a word over several is a spanning header.

Tables continued over a page break are one table (the pages stand on one tall virtual page,
page-number lines dropped). Where a table cannot be laid out this way the grid says nothing, and
the text reading stands.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median

from xxgk.extract.pdf import Rule, Word
from xxgk.model import table_words
from xxgk.recognise.atoms import NUMBERING, PLACEHOLDERS, read_number
from xxgk.recognise.normalize import compact, is_page_number, normalize_line
from xxgk.recognise.sections import find_sections

Grid = list[list[str]]
DEFAULT_LINE_OVERLAP = 0.5  # share of the smaller height two words must share to be one line
DEFAULT_X_TOLERANCE = 1.0  # points: number boxes this close are one column
DEFAULT_LEAF_SHARE = 0.75  # a header word with this share of its width over one column names it
DEFAULT_BLOCK_GAP = 1.5  # line heights: a larger gap between label lines starts a new cell
DEFAULT_STACK = 3  # this many 1–2 character words stacked vertically are one vertical label
DEFAULT_STACK_GAP = 3.0  # line heights between the characters of a vertical label
_TABLE_START = {3: table_words("requests", "starts"), 4: table_words("review", "starts")}


@dataclass
class Words:
    """Words that stand together (a line, a label cell) and the vertical band they fill."""

    words: list[Word] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)


@dataclass
class Line(Words):
    @property
    def text(self) -> str:
        return " ".join(w.text for w in sorted(self.words, key=lambda w: w.x0))


@dataclass
class Block(Words):
    """A label cell: words of one column over one or more lines."""

    stacked: bool = False  # written one character per line down the side

    @property
    def text(self) -> str:
        return "".join(w.text for w in sorted(self.words, key=lambda w: (round(w.top), w.x0)))


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def words_to_lines(words: list[Word]) -> list[Line]:
    """Words sharing a vertical band are one line; lines in reading order."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        for line in reversed(lines[-3:]):
            shared = _overlap(word.top, word.bottom, line.top, line.bottom)
            if shared >= DEFAULT_LINE_OVERLAP * min(word.height, line.bottom - line.top):
                line.words.append(word)
                break
        else:
            lines.append(Line([word]))
    return [line for line in lines if not is_page_number(line.text)]


def _centre(word: Word) -> float:
    return (word.x0 + word.x1) / 2


def _over_numbers(word: Word, edge: float) -> bool:
    """A word right of the label column (it starts there, or most of it stands there)."""
    return word.x0 >= edge - 1 or _centre(word) >= edge


@lru_cache(maxsize=1 << 16)  # bounded: a worker reads the words of thousands of files
def _clean(text: str) -> str:
    return normalize_line(text).strip()


def _is_number(word: Word) -> bool:
    return read_number(_clean(word.text)) is not None


def _is_placeholder(word: Word) -> bool:
    return _clean(word.text) in PLACEHOLDERS


def _merge(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for x0, x1 in sorted(intervals):
        if merged and x0 <= merged[-1][1] + DEFAULT_X_TOLERANCE:
            merged[-1] = (merged[-1][0], max(merged[-1][1], x1))
        else:
            merged.append((x0, x1))
    return merged


def _label_right(lines: list[Line], number_edge: float) -> float:
    """Where the label column ends: the right edge of the label words on lines of numbers (a
    table with no labels, as section 四, has none: every column may be a column of numbers)."""
    rights = [w.x1 for ln in lines for w in ln.words if not _is_number(w) and w.x1 <= number_edge
              and any(_is_number(v) for v in ln.words)]
    return max(rights, default=float("-inf"))


def _zones(columns: list[tuple[float, float]], numbers: list[Word], left: float
           ) -> list[tuple[float, float]]:
    """Each column's reach without ruling lines, by how its numbers are aligned: right-aligned
    cells end just after their numbers, left-aligned ones start just before, centred ones
    meet half-way. The first reaches back to the label column, the last to the right edge."""
    members = [[w for w in numbers if _overlap(w.x0, w.x1, *c) > 0 or c[0] <= w.x0 <= c[1]]
               for c in columns]
    spread = {side: sum(max(f(w) for w in m) - min(f(w) for w in m) for m in members if m)
              for side, f in (("right", lambda w: w.x1), ("left", lambda w: w.x0),
                              ("centre", _centre))}
    side = min(spread, key=lambda k: (spread[k], k != "centre"))
    cuts = []
    for (_, a1), (b0, _) in itertools.pairwise(columns):
        cuts.append(a1 + 2 * DEFAULT_X_TOLERANCE if side == "right" else
                    b0 - 2 * DEFAULT_X_TOLERANCE if side == "left" else (a1 + b0) / 2)
    bounds = [left, *cuts, float("inf")]
    return list(itertools.pairwise(bounds))


def _header_zones(heads: list[Word], number_cols: list[tuple[float, float]]
                  ) -> list[tuple[float, float]] | None:
    """Columns without ruling lines, from the header. Its leaves are the words with no header
    word below them; a leaf's cell is the leaf and the words above it over no other leaf (商业企
    over 业; not 法人或其他组织, over five). Each column of numbers must stand under exactly one
    cell and each cell over at most one column of numbers; a column is then its cell and its
    numbers together. None otherwise: the header does not say where the numbers are."""
    leaves = sorted((w for w in heads if not any(
        o is not w and o.top >= w.bottom - 1 and _overlap(w.x0, w.x1, o.x0, o.x1) > 0
        for o in heads)), key=lambda w: w.x0)
    if not leaves or any(a.x1 > b.x0 for a, b in itertools.pairwise(leaves)):
        return None
    cells = []
    for leaf in leaves:
        mine = [w for w in heads if [x for x in leaves if _overlap(w.x0, w.x1, x.x0, x.x1) > 0]
                == [leaf]]
        cells.append((min(w.x0 for w in mine), max(w.x1 for w in mine)))
    homes = _homes_by_overlap(cells, number_cols) or _homes_by_order(cells, number_cols)
    if homes is None:
        return None
    zones = [list(c) for c in cells]
    for (c0, c1), home in zip(number_cols, homes, strict=True):
        zones[home] = [min(zones[home][0], c0), max(zones[home][1], c1)]
    if any(a[1] > b[0] + DEFAULT_X_TOLERANCE for a, b in itertools.pairwise(zones)):
        return None
    return [(a, b) for a, b in zones]


def _homes_by_overlap(cells: list[tuple[float, float]], number_cols: list[tuple[float, float]]
                      ) -> list[int] | None:
    """The header cell over each column of numbers, where each stands under exactly one."""
    homes: list[int] = []
    for c0, c1 in number_cols:
        under = [i for i, (z0, z1) in enumerate(cells) if _overlap(c0, c1, z0, z1) > 0]
        if len(under) != 1 or under[0] in homes:
            return None
        homes.append(under[0])
    return homes


def _homes_by_order(cells: list[tuple[float, float]], number_cols: list[tuple[float, float]]
                    ) -> list[int] | None:
    """Numbers right- or left-aligned under centred heads stand beside them, not under them:
    with as many columns of numbers as heads, the i-th column is the i-th head's when it
    stands clear of both neighbouring heads."""
    if len(cells) != len(number_cols):
        return None
    for i, (c0, c1) in enumerate(number_cols):
        left = cells[i - 1][1] if i else float("-inf")
        right = cells[i + 1][0] if i + 1 < len(cells) else float("inf")
        if not (left - DEFAULT_X_TOLERANCE <= c0 and c1 <= right + DEFAULT_X_TOLERANCE):
            return None
    return list(range(len(cells)))


def _zone_of(word: Word, zones: list[tuple[float, float]]) -> list[int]:
    """The zones a word stands over: one when most of it is over one, else every one it touches."""
    width = max(word.x1 - word.x0, 1e-6)
    shares = [_overlap(word.x0, word.x1, z0, z1) / width for z0, z1 in zones]
    best = max(range(len(zones)), key=shares.__getitem__)
    if shares[best] >= DEFAULT_LEAF_SHARE:
        return [best]
    return [i for i, s in enumerate(shares) if s > 0]


def _vertical_stacks(words: list[Word]) -> tuple[list[list[Word]], list[Word]]:
    """Labels written one character per line down the side (三 / 本 / 年 / 度 …): runs of at
    least DEFAULT_STACK one-character words, each right under the one before on one centre
    with no other word between them."""
    single = sorted((w for w in words if len(compact(_clean(w.text))) == 1), key=lambda w: w.top)
    stacks: list[list[Word]] = []
    for word in single:
        run = next((r for r in stacks if _stacks_on(r[-1], word, words)), None)
        if run is None:
            stacks.append([word])
        else:
            run.append(word)
    stacks = [r for r in stacks if len(r) >= DEFAULT_STACK]
    stacked = {id(w) for r in stacks for w in r}
    return stacks, [w for w in words if id(w) not in stacked]


def _stacks_on(upper: Word, lower: Word, words: list[Word]) -> bool:
    if abs(_centre(upper) - _centre(lower)) > 2 * DEFAULT_X_TOLERANCE:
        return False
    if not 0 <= lower.top - upper.bottom <= DEFAULT_STACK_GAP * lower.height:
        return False
    return not any(upper.bottom <= w.top and w.bottom <= lower.top
                   and _overlap(w.x0, w.x1, upper.x0, upper.x1) > 0 for w in words)


def _continues_below(upper: Word, lower: Word) -> bool:
    """Whether ``lower`` is the next line of the label cell ``upper`` is in: right under it
    (left-, right-aligned or centred alike: the two overlap), and not a new numbered label."""
    gap = lower.top - upper.bottom
    if not -0.5 * lower.height <= gap <= DEFAULT_BLOCK_GAP * lower.height:
        return False
    narrower = min(upper.x1 - upper.x0, lower.x1 - lower.x0)
    return (_overlap(upper.x0, upper.x1, lower.x0, lower.x1) >= 0.5 * narrower
            and not NUMBERING.match(_clean(lower.text)))


def _label_blocks(words: list[Word]) -> list[Block]:
    """Label words → label cells: a word joins the cell of the word right above it unless it
    opens with numbering; labels written down the side one character per line are one cell."""
    stacks, rest = _vertical_stacks(words)
    blocks = [Block(run, stacked=True) for run in stacks]
    owner: dict[int, Block] = {}
    ordered = sorted(rest, key=lambda w: (w.top, w.x0))
    for i, word in enumerate(ordered):
        above = [u for u in ordered[:i] if _continues_below(u, word)]
        block = owner[id(above[-1])] if above else None
        if block is None:
            block = Block([])
            blocks.append(block)
        block.words.append(word)
        owner[id(word)] = block
    return blocks


def _row_labels(blocks: list[Block], rows: list[Line], line_height: float
                ) -> list[tuple[str, Line | None]]:
    """(label, row of numbers) in print order. A label cell belongs to the row of numbers it
    stands beside (their bands overlap), else to the nearest within reach; a numbered label
    beside no numbers is a row printed blank (its cells stay blank); a cell over two rows'
    numbers is a group label and names none."""
    middles = [r.middle for r in rows]
    heights = [r.bottom - r.top for r in rows]
    chosen: list[list[Block]] = [[] for _ in rows]
    blank: list[Block] = []
    queue = list(blocks)
    while queue:
        block = queue.pop()
        covered = [m for m in middles if block.top - 1 <= m <= block.bottom + 1]
        if len(covered) >= 2:
            if not block.stacked and len({round(w.top) for w in block.words}) > 1:
                queue += [Block([w]) for w in block.words]  # unnumbered rows run together
            continue
        beside = [_overlap(block.top, block.bottom, r.top, r.bottom) for r in rows]
        if max(beside) > 0:
            chosen[beside.index(max(beside))].append(block)
        elif NUMBERING.match(_clean(block.text)):
            blank.append(block)
        else:
            near = min(range(len(rows)), key=lambda i: abs(middles[i] - block.middle))
            reach = max(block.bottom - block.top, heights[near]) / 2 + line_height
            if abs(middles[near] - block.middle) <= reach:
                chosen[near].append(block)
    labelled: list[tuple[float, str, Line | None]] = [
        (row.middle, " ".join(b.text for b in sorted(bs, key=lambda b: (b.x0, b.top))), row)
        for row, bs in zip(rows, chosen, strict=True)]
    labelled += [(b.middle, b.text, None) for b in blank]
    return [(label, row) for _, label, row in sorted(labelled, key=lambda x: x[0])]


def _ruled_zones(numbers: list[Word], heads: list[Word], rules: list[Rule], edge: float
                 ) -> list[tuple[float, float]] | None:
    """Cells between the vertical rules that cross the rows of numbers; None without rules.

    The zones kept are those holding a number, and those right of the label column (``edge``)
    holding a header (a column printed all blank)."""
    top, bottom = min(w.top for w in numbers), max(w.bottom for w in numbers)
    xs = sorted(r.x for r in rules if r.top <= bottom and r.bottom >= top)
    edges: list[float] = []
    for x in xs:
        if not edges or x - edges[-1] > 2 * DEFAULT_X_TOLERANCE:
            edges.append(x)
    cells = list(itertools.pairwise(edges))
    holding = [i for i, (a, b) in enumerate(cells) if any(a <= _centre(w) <= b for w in numbers)]
    if len(cells) < 2 or not holding:
        return None
    if any(not any(a <= _centre(w) <= b for a, b in cells) for w in numbers):
        return None  # numbers outside the ruled cells: the rules are not this table's
    kept = [c for i, c in enumerate(cells) if i in holding or (
        c[0] >= edge - 2 * DEFAULT_X_TOLERANCE and any(c[0] <= _centre(w) <= c[1] for w in heads))]
    return [(a, b) for a, b in kept]


def lines_to_grid(lines: list[Line], rules: list[Rule] | None = None) -> Grid | None:
    """One table's lines → header rows (spanning, then column heads) and one row per line of
    numbers; None when the lines hold no numbers."""
    words = [w for line in lines for w in line.words]
    numbers = [w for w in words if _is_number(w)]
    if not numbers:
        return None
    number_cols = _merge([(w.x0, w.x1) for w in numbers])
    edge = _label_right(lines, number_cols[0][0])
    first_top = min(w.top for w in numbers)
    header_lines = [ln for ln in lines if ln.bottom <= first_top + 1 and any(
        _over_numbers(w, edge) and not _is_number(w) for w in ln.words)]
    header_words = {id(w) for ln in header_lines for w in ln.words}
    heads = [w for ln in header_lines for w in ln.words if _over_numbers(w, edge)]
    zones = (_ruled_zones(numbers, heads, rules or [], edge) or _header_zones(heads, number_cols)
             or _zones(number_cols, numbers, edge))
    label_edge = min(edge, zones[0][0])
    cells = [w for w in words if id(w) not in header_words and (
        _is_number(w) or (_is_placeholder(w) and w.x0 >= label_edge))]
    rows = words_to_lines(cells)
    taken = {id(w) for w in cells}
    label_words = [w for w in words if id(w) not in taken and id(w) not in header_words
                   and w.x0 < label_edge]
    line_height = median(w.height for w in words)
    labels = _row_labels(_label_blocks(label_words), rows, line_height)
    spanning = [""] * (len(zones) + 1)
    leaves = [""] * (len(zones) + 1)
    for word in sorted((w for ln in header_lines for w in ln.words), key=lambda w: (w.top, w.x0)):
        over = _zone_of(word, zones) if _over_numbers(word, edge) else []
        target = leaves if len(over) == 1 else spanning
        j = over[0] + 1 if over else 0
        target[j] += _clean(word.text)
    grid: Grid = [spanning, leaves] if any(spanning) else [leaves]
    for label, row in labels:
        out = [label] + [""] * len(zones)
        for word in sorted(row.words if row else [], key=lambda w: w.x0):
            over = _zone_of(word, zones)
            if len(over) != 1:
                return None  # a number between two columns: its column cannot be told
            j = over[0] + 1
            out[j] = f"{out[j]} {word.text}".strip()
        grid.append(out)
    return grid


def _table_spans(texts: list[str]) -> list[tuple[int, int]]:
    """Line ranges of the tables of sections 二 (one per 第二十条 block), 三 and 四."""
    sections = find_sections(texts)
    spans: list[tuple[int, int]] = []
    for number in (2, 3, 4):
        sec = sections.get(number)
        if sec is None:
            continue
        lo, hi = sec.start + 1, sec.end
        if number == 2:
            cuts = [i for i in range(lo, hi) if compact(texts[i]).startswith("第二十条")] or [lo]
            spans += list(zip(cuts, [*cuts[1:], hi], strict=True))
            continue
        starts = [i for i in range(lo, hi) if any(w in compact(texts[i]) for w in _TABLE_START[number])]
        spans.append((starts[0] if starts else lo, hi))
    return spans


def words_to_grids(words: list[Word], rules: list[Rule] | None = None) -> list[Grid]:
    """The tables of a PDF's sections 二, 三 and 四 as grids, from its positioned words (and
    its vertical ruling lines, where it has them)."""
    lines = words_to_lines(words)
    texts = [normalize_line(line.text) for line in lines]
    grids = []
    for lo, hi in _table_spans(texts):
        grid = lines_to_grid(lines[lo:hi], rules or [])
        if grid is not None:
            grids.append(grid)
    return grids
