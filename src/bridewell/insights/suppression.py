"""Small-number suppression for tables published outside the force (PCC panel, public).

Primary suppression: any count from 1 to ``threshold − 1`` (default 10) is shown as "fewer than
10". Zero is shown: a zero identifies nobody, and hiding it would make a real absence (no child
strip-searched) look like a secret.

Secondary (complementary) suppression: every table is published with its row totals, column
totals and grand total, and a reader can subtract. The table is treated as an augmented grid,
the totals being a last column and a last row, so every line (row or column, totals included)
adds up. Three rules are applied until nothing changes:

1. a line with exactly one hidden entry gives it away by subtraction, so the smallest non-zero
   shown entry of that line is hidden too (a cell before the total, since a total is never
   smaller than its cells), preferring one that also mends another such line (there is always
   one: the hidden entry is not zero, so neither is the line's total or one of its cells);
2. a hidden entry can also be solved from several lines at once. Treating rows and columns as
   the nodes of a graph and hidden entries as its edges, a hidden entry is fixed by the
   published numbers exactly when its edge is a bridge (it lies on no cycle), so for each bridge
   the smallest non-zero shown entry that closes a cycle through it is hidden too (one always
   exists: the entries crossing between the two sides sum to the bridge, which is not zero);
3. the labels are themselves bounds: "fewer than 10" is 1 to 9 (zeros are shown) and "not
   shown" is 10 or more (a complement is never a zero or a small count). Where a line's shown
   entries and those bounds leave a hidden entry only one possible value (1 and a hidden 10
   beside a total of 11), the smallest non-zero shown entry of that line is hidden too.

When all three hold, no hidden entry can be worked out exactly from the table's published numbers
by sums and differences, nor from one line and the labels. A hidden entry still has a range (that
is what "fewer than 10" says), as with other statistical publishers. One case cannot be mended
by hiding more: a line whose only non-zero entries are ``threshold − 1`` ones and their total
(nine categories of exactly one each, at the default), where the labels alone give the values.

Pure: no Django.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Literal, NamedTuple, TypeVar

T = TypeVar("T")

DEFAULT_THRESHOLD = 10

Position = tuple[int, int]


class Shown(NamedTuple, Generic[T]):
    """A published value."""

    value: T


class Suppressed(NamedTuple):
    """A withheld value: ``small`` if it is below the threshold itself, ``complementary`` if it is
    hidden so that a small one cannot be recovered, ``derived`` if it is a rate or ratio built on
    a hidden count."""

    reason: Literal["small", "complementary", "derived"] = "small"


Cell = Shown[int] | Suppressed


def text(cell: Shown[int] | Suppressed, threshold: int = DEFAULT_THRESHOLD) -> str:
    """How a count reads in a pack."""
    if isinstance(cell, Shown):
        return f"{cell.value:,}"
    return f"fewer than {threshold}" if cell.reason == "small" else "not shown"


@dataclass(frozen=True)
class PublishedTable:
    """A table after suppression, with its totals (each a cell like any other)."""

    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    grand_total: Cell


def suppress(
    cells: Sequence[Sequence[int]],
    threshold: int = DEFAULT_THRESHOLD,
    *,
    also: Iterable[Position] = (),
) -> PublishedTable:
    """Suppress a rows × columns table of counts and its totals (the sums of its cells).

    ``also`` names entries to hide whatever their value, in augmented positions: ``(i, j)`` with
    ``i == len(cells)`` for the column-totals row and ``j == len(cells[0])`` for the row-totals
    column. It keeps a number hidden in one table hidden in another that repeats it.
    """
    if threshold < 3:
        raise ValueError("the threshold is at least 3 (fewer than 2 would mean exactly 1)")
    grid = _augment(cells)
    if any(value < 0 for row in grid for value in row):
        raise ValueError("counts are never negative")
    small = {(i, j) for i, row in enumerate(grid) for j, v in enumerate(row) if 0 < v < threshold}
    hidden = small | {(i, j) for i, j in also if grid[i][j]}
    while (
        (extra := _leaking_line(grid, hidden))
        or (extra := _bridge_complement(grid, hidden))
        or (extra := _pinned_by_labels(grid, hidden, threshold))
    ):
        hidden.add(extra)
    out = tuple(
        tuple(
            Shown(v)
            if (i, j) not in hidden
            else Suppressed("small" if (i, j) in small else "complementary")
            for j, v in enumerate(row)
        )
        for i, row in enumerate(grid)
    )
    return PublishedTable(
        cells=tuple(row[:-1] for row in out[:-1]),
        row_totals=tuple(row[-1] for row in out[:-1]),
        column_totals=out[-1][:-1],
        grand_total=out[-1][-1],
    )


def _augment(cells: Sequence[Sequence[int]]) -> list[list[int]]:
    if not cells or not cells[0]:
        raise ValueError("a table has at least one row and one column")
    width = len(cells[0])
    if any(len(row) != width for row in cells):
        raise ValueError("every row has the same number of columns")
    grid = [[*row, sum(row)] for row in cells]
    grid.append([sum(row[j] for row in grid) for j in range(width + 1)])
    return grid


def _lines(grid: list[list[int]]) -> list[list[Position]]:
    rows = [[(i, j) for j in range(len(grid[0]))] for i in range(len(grid))]
    columns = [[(i, j) for i in range(len(grid))] for j in range(len(grid[0]))]
    return rows + columns


def _cheapest(grid: list[list[int]], candidates: Iterable[Position]) -> Position | None:
    """The smallest non-zero candidate, the first in reading order on a tie."""
    nonzero = [p for p in candidates if grid[p[0]][p[1]] > 0]
    return min(nonzero, key=lambda p: (grid[p[0]][p[1]], p), default=None)


def _leaking_line(grid: list[list[int]], hidden: set[Position]) -> Position | None:
    leaking = [line for line in _lines(grid) if sum(p in hidden for p in line) == 1]
    if not leaking:
        return None
    shown = [p for p in leaking[0] if p not in hidden]
    mends_another = {p for line in leaking[1:] for p in line}.intersection(shown)
    return _cheapest(grid, mends_another) or _cheapest(grid, shown)


def _bridge_complement(grid: list[list[int]], hidden: set[Position]) -> Position | None:
    """For the first hidden entry that is a bridge, the entry that puts it on a cycle."""
    for edge in sorted(hidden):
        rows, columns = _component(hidden - {edge}, start_row=edge[0])
        if edge[1] in columns:
            continue
        other_rows, other_columns = _component(hidden - {edge}, start_column=edge[1])
        closing = [
            (i, j)
            for i, j in (
                *((i, j) for i in other_rows for j in columns),
                *((i, j) for i in rows for j in other_columns),
            )
            if (i, j) not in hidden
        ]
        return _cheapest(grid, closing)
    return None


def _pinned_by_labels(
    grid: list[list[int]], hidden: set[Position], threshold: int
) -> Position | None:
    """A shown entry to hide because a line's shown entries and the labels of its hidden ones
    ("fewer than 10" is 1 to 9, "not shown" is 10 or more) leave a hidden entry one value."""

    def bounds(p: Position) -> tuple[float, float]:
        value = grid[p[0]][p[1]]
        if p not in hidden:
            return value, value
        return (1, threshold - 1) if value < threshold else (threshold, math.inf)

    for line in _lines(grid):
        *cells, total = line
        for x in (p for p in line if p in hidden):
            others = [bounds(p) for p in cells if p != x]
            if x == total:
                low, high = sum(lo for lo, _ in others), sum(hi for _, hi in others)
            else:
                low = bounds(total)[0] - sum(hi for _, hi in others)
                high = bounds(total)[1] - sum(lo for lo, _ in others)
            own_low, own_high = bounds(x)
            if max(low, own_low) == min(high, own_high):
                shown = [p for p in line if p not in hidden]
                if extra := _cheapest(grid, shown):
                    return extra
    return None


def _component(
    edges: set[Position], *, start_row: int | None = None, start_column: int | None = None
) -> tuple[set[int], set[int]]:
    """The rows and columns joined to a starting row or column through hidden entries."""
    rows = {start_row} if start_row is not None else set()
    columns = {start_column} if start_column is not None else set()
    grown = True
    while grown:
        grown = False
        for i, j in edges:
            if (i in rows) != (j in columns):
                rows.add(i)
                columns.add(j)
                grown = True
    return rows, columns
