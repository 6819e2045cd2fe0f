"""References as people type them: one parser for staff and villagers."""

from __future__ import annotations

import pytest

from storage import refs


@pytest.mark.parametrize("typed", ["LP-69-00012", "lp 69 12", "LP6900012", "LP-๖๙-๐๐๐๑๒", " LP-69-12 ", "Lp69-12"])
def test_a_full_reference_in_any_common_spelling_is_understood(typed):
    assert refs.parse(typed) == "LP-69-00012"


def test_a_bare_number_names_a_request_of_the_given_year_only_when_a_year_is_given():
    assert refs.parse("12", year_be=2569) == "LP-69-00012"
    assert refs.parse("#๑๒", year_be=2569) == "LP-69-00012"
    assert refs.parse("12") is None


@pytest.mark.parametrize("typed", ["", "LP", "LP-69", "LP-69-0", "0", "123456", "ถนนพัง LP-69-00012",
                                   "LP-69-00012 ด้วย", "²"])
def test_anything_else_is_not_a_reference(typed):
    assert refs.parse(typed, year_be=2569) is None


def test_formatting_pads_the_number_and_keeps_two_year_digits():
    assert refs.format_ref(2569, 42) == "LP-69-00042"
    assert refs.format_ref(2600, 7) == "LP-00-00007"
