"""Local scaling of the neighbour graph before stories are grouped."""

import math

import pytest

from policybrief.digest.neighbours import local_scaling


def test_isolated_pair_keeps_its_similarity():
    # neither brief has a second neighbour: its level is the threshold, nothing changes
    assert local_scaling(3, {(0, 1): 0.3}, 0.15) == {(0, 1): 0.3}


def test_never_raises_a_similarity():
    pairs = {(0, 1): 0.05, (0, 2): 0.12, (1, 2): 0.08, (2, 3): 0.4}
    scaled = local_scaling(4, pairs, 0.15)
    assert all(scaled[k] <= v for k, v in pairs.items())


def test_generic_brief_needs_a_closer_match():
    # briefs 0 and 1 are a close story (0.4); 2 resembles both at 0.2 (another story about
    # the same actor): above the global threshold, below its neighbourhood's level
    pairs = {(0, 1): 0.4, (0, 2): 0.2, (1, 2): 0.2}
    scaled = local_scaling(3, pairs, 0.15)
    assert scaled[(0, 2)] == pytest.approx(0.2 * math.sqrt(0.15 / math.sqrt(0.2 * 0.2)))
    assert scaled[(0, 2)] < 0.2
    # the close pair's level is its second neighbour (0.2), so it stays together
    assert scaled[(0, 1)] > 0.3
