"""Numbers are placed in columns only where the format's arithmetic proves it (issue #2, 6)."""

from xxgk.recognise.placement import agreed, fused_candidates, prune_by_equations, row_candidates

REQUEST = [(tuple(range(6)), 6)]
REVIEW = [((0, 1, 2, 3), 4), ((5, 6, 7, 8), 9), ((10, 11, 12, 13), 14)]


def test_three_three_proves_the_total_only():
    assert agreed(row_candidates([3, 3], 7, REQUEST), 7) == [None] * 6 + [3]


def test_six_zeros_prove_seven():
    assert agreed(row_candidates([0] * 6, 7, REQUEST), 7) == [0] * 7


def test_a_lone_total_cannot_be_placed():
    assert row_candidates([3], 7, REQUEST) == []


def test_full_row_is_taken_as_printed_even_when_it_does_not_add_up():
    assert row_candidates([1, 1, 0, 0, 0, 0, 5], 7, REQUEST) == [(1, 1, 0, 0, 0, 0, 5)]


def test_too_many_numbers_give_nothing():
    assert row_candidates(list(range(8)), 7, REQUEST) == []


def test_run_together_example_of_layouts_md():
    assert fused_candidates("520010558", 7, REQUEST).vectors == [(52, 0, 0, 1, 0, 5, 58)]


def test_run_together_with_vanished_blanks_keeps_what_is_proven():
    cells = agreed(fused_candidates("5858", 7, REQUEST).vectors, 7)
    assert cells == [None] * 6 + [58]


def test_review_row_of_fifteen_single_digits():
    cands = fused_candidates("210141000100000", 15, REVIEW)
    assert (2, 1, 0, 1, 4, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0) in cands.vectors


def test_column_rule_settles_an_ambiguous_row():
    cands = {"a": [(3, 0), (0, 3)], "b": [(3, 1)]}
    # a[0] = b[0] settles row a.
    assert prune_by_equations(cands, [((("a", 0),), (("b", 0),))])["a"] == [(3, 0)]


def test_a_broken_column_rule_prunes_nothing():
    cands = {"a": [(3, 0), (0, 3)], "b": [(5, 1)]}
    assert prune_by_equations(cands, [((("a", 0),), (("b", 0),))])["a"] == [(3, 0), (0, 3)]
