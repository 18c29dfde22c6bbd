"""Small-number suppression: small counts hidden, and never recoverable from what is shown."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bridewell.insights.suppression import PublishedTable, Shown, Suppressed, suppress, text

S = Suppressed("small")
C = Suppressed("complementary")


def grid(table: PublishedTable) -> list[list[Shown[int] | Suppressed]]:
    """The augmented grid: cells with row totals as a last column, column totals as a last row."""
    rows = [[*cells, total] for cells, total in zip(table.cells, table.row_totals, strict=True)]
    return [*rows, [*table.column_totals, table.grand_total]]


def augmented(cells: list[list[int]]) -> list[list[int]]:
    rows = [[*row, sum(row)] for row in cells]
    return [*rows, [sum(column) for column in zip(*rows, strict=True)]]


def lines(n_rows: int, n_columns: int) -> list[list[tuple[int, int]]]:
    return [[(i, j) for j in range(n_columns)] for i in range(n_rows)] + [
        [(i, j) for i in range(n_rows)] for j in range(n_columns)
    ]


def determined(hidden: list[tuple[int, int]], n_rows: int, n_columns: int) -> set[tuple[int, int]]:
    """Hidden entries fixed by the published ones, found by linear algebra (independent of the
    graph argument in the module): entry e is fixed when its column of the line equations,
    restricted to hidden entries, is not in the span of the other hidden entries' columns."""

    def coefficient(line: list[tuple[int, int]], p: tuple[int, int]) -> int:
        if p not in line:
            return 0
        return -1 if p == line[-1] else 1  # each line: its cells minus its total = 0

    equations = lines(n_rows, n_columns)
    matrix = [[coefficient(line, p) for p in hidden] for line in equations]
    full = rank(matrix)
    return {
        p for k, p in enumerate(hidden) if rank([row[:k] + row[k + 1 :] for row in matrix]) < full
    }


def rank(matrix: list[list[int]]) -> int:
    rows = [[Fraction(v) for v in row] for row in matrix if row]
    r = 0
    for col in range(len(rows[0]) if rows else 0):
        pivot = next((i for i in range(r, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        for i in range(len(rows)):
            if i != r and rows[i][col] != 0:
                factor = rows[i][col] / rows[r][col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r], strict=True)]
        r += 1
    return r


def test_a_small_cell_takes_its_row_and_column_partners_with_it():
    # 3 is small. Row 0 would give it away (23 − 20), so the next smallest in row 0 (20) goes;
    # column 0 then has one hidden (3) and loses 15; column 1 loses 30. Totals stay.
    table = suppress([[3, 20], [15, 30]])
    assert grid(table) == [
        [S, C, Shown(23)],
        [C, C, Shown(45)],
        [Shown(18), Shown(50), Shown(68)],
    ]


def test_nothing_small_nothing_hidden_and_zero_is_shown():
    table = suppress([[0, 12], [11, 40]])
    assert grid(table) == [
        [Shown(0), Shown(12), Shown(12)],
        [Shown(11), Shown(40), Shown(51)],
        [Shown(11), Shown(52), Shown(63)],
    ]


def test_a_small_total_is_hidden_and_a_zero_is_never_a_complement():
    # Row 0 is 4, 0 with total 4: the 4 and the total are both small. The zero stays shown and
    # is not used as a partner; column 0 (4, 20 | 24) loses the 20 and the totals column
    # (4, 50 | 54) loses the 50.
    table = suppress([[4, 0], [20, 30]])
    assert grid(table) == [
        [S, Shown(0), S],
        [C, Shown(30), C],
        [Shown(24), Shown(30), Shown(54)],
    ]


def test_a_hidden_cell_solvable_across_several_lines_is_protected():
    cells = [
        [2, 3, 4, 50],
        [5, 6, 11, 10],
        [30, 40, 7, 8],
        [60, 70, 9, 1],
    ]
    # Every row and column has 0 or at least 2 small cells, yet (0, 2) = 4 is fixed by the rest:
    # rows 0 and 1 minus columns 0 and 1 leave rows {0,1} × columns {2,3} less rows {2,3} ×
    # columns {0,1}: 59 + 32 − 97 − 119 − 50 − 11 − 10 + 30 + 40 + 60 + 70 = 4.
    assert 59 + 32 - 97 - 119 - 50 - 11 - 10 + 30 + 40 + 60 + 70 == 4
    table = suppress(cells)
    hidden = {
        (i, j)
        for i, row in enumerate(grid(table))
        for j, c in enumerate(row)
        if c != Shown(augmented(cells)[i][j])
    }
    small = {(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3)}
    # The cheapest entry closing a cycle through (0, 2) is (1, 3) = 10.
    assert hidden == small | {(1, 3)}
    assert table.cells[1][3] == C
    assert determined(sorted(small), 5, 5) == {(0, 2)}
    assert determined(sorted(hidden), 5, 5) == set()


def test_a_label_cannot_pin_a_value_against_a_total():
    # 1 is small; the first partner in row 0 is the 10, but "fewer than 10" (1 to 9) and "not
    # shown" (10 or more) beside a total of 11 leave only 1 + 10: so the total 11 goes too, and
    # with it the 70 in the totals column.
    table = suppress([[1, 10], [30, 40]])
    assert grid(table) == [
        [S, C, C],
        [C, C, C],
        [Shown(31), Shown(50), Shown(81)],
    ]


def test_the_threshold_is_configurable():
    assert suppress([[3, 20], [15, 30]], threshold=3).cells == (
        (Shown(3), Shown(20)),
        (Shown(15), Shown(30)),
    )
    assert suppress([[3, 20], [15, 30]], threshold=16).cells[1][0] == S


def test_also_hides_a_named_total_and_protects_it():
    table = suppress([[30, 20], [15, 30]], also=[(0, 2)])
    assert table.row_totals == (C, C)
    assert table.grand_total == Shown(95)


def test_text():
    assert text(Shown(1234)) == "1,234"
    assert text(S) == "fewer than 10"
    assert text(S, threshold=5) == "fewer than 5"
    assert text(C) == "not shown"


@pytest.mark.parametrize("bad", [[], [[]], [[1, 2], [3]], [[-1, 20]]])
def test_malformed_tables_are_refused(bad):
    with pytest.raises(ValueError, match=r"table|row|negative"):
        suppress(bad)


def test_a_threshold_below_3_is_refused():
    with pytest.raises(ValueError, match="at least 3"):
        suppress([[1]], threshold=2)


tables = st.integers(1, 6).flatmap(
    lambda width: st.lists(
        st.lists(
            st.one_of(st.integers(0, 12), st.integers(0, 200)), min_size=width, max_size=width
        ),
        min_size=1,
        max_size=6,
    )
)


@settings(max_examples=300, deadline=None)
@given(tables, st.integers(3, 15))
def test_no_hidden_value_can_be_recovered(cells, threshold):
    table = suppress(cells, threshold)
    values = augmented(cells)
    shown = grid(table)
    hidden = [
        (i, j)
        for i, row in enumerate(shown)
        for j, c in enumerate(row)
        if isinstance(c, Suppressed)
    ]
    for i, row in enumerate(shown):
        for j, cell in enumerate(row):
            value = values[i][j]
            if 0 < value < threshold:
                assert cell == S
            elif isinstance(cell, Shown):
                assert cell.value == value
            else:
                assert cell == C
                assert value >= threshold  # never a zero, and never labelled "fewer than"
    # No row or column (totals included) has exactly one hidden entry: nothing can be had by
    # subtracting the shown entries from the shown total.
    for line in lines(len(values), len(values[0])):
        assert sum(p in hidden for p in line) != 1
    # Nor by any combination of rows and columns.
    assert determined(hidden, len(values), len(values[0])) == set()
    # Nor from one line and what the labels say: "fewer than t" is 1 to t − 1, "not shown" is t
    # or more. The one exception, documented, is a line whose non-zero entries are all hidden:
    # t − 1 ones and their total, which the labels alone give away.
    for line in lines(len(values), len(values[0])):
        for x in (p for p in line if p in hidden):
            possible = {
                v
                for v in range(values[x[0]][x[1]] + 3 * threshold)
                if label_fits(v, shown[x[0]][x[1]], threshold)
                and line_can_sum(line, x, v, values, shown, threshold)
            }
            if len(possible) == 1:
                assert all(values[i][j] == 0 or (i, j) in hidden for i, j in line)


def label_fits(value: int, cell: Shown[int] | Suppressed, threshold: int) -> bool:
    if isinstance(cell, Shown):
        return value == cell.value
    return 0 < value < threshold if cell == S else value >= threshold


def line_can_sum(line, x, v, values, shown, threshold) -> bool:
    """Whether the rest of the line can take label-fitting values with cells summing to the total
    when x is v (each entry's range checked as an interval, the total last in the line)."""
    low = high = 0
    for p in line[:-1]:
        lo, hi = (v, v) if p == x else label_range(shown[p[0]][p[1]], threshold)
        low, high = low + lo, high + hi
    t_lo, t_hi = (
        (v, v) if line[-1] == x else label_range(shown[line[-1][0]][line[-1][1]], threshold)
    )
    return low <= t_hi and t_lo <= high


def label_range(cell: Shown[int] | Suppressed, threshold: int) -> tuple[float, float]:
    if isinstance(cell, Shown):
        return cell.value, cell.value
    return (1, threshold - 1) if cell == S else (threshold, math.inf)
