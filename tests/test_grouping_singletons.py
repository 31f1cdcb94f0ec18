"""A brief left alone by average linkage joins its nearest neighbour's story."""

from policybrief.digest.grouping import cluster_pairs, join_singletons


def test_lone_brief_joins_its_nearest_neighbours_story():
    # 0 and 1 tell one event closely; 2 tells it in its own words: close to 1 only, so its
    # average over {0, 1} is (0.05 + 0.2) / 2 < 0.15 and average linkage leaves it alone
    pairs = {(0, 1): 0.5, (0, 2): 0.05, (1, 2): 0.2}
    clusters = cluster_pairs(3, pairs, 0.15)
    assert clusters == [[0, 1], [2]]
    assert join_singletons(clusters, pairs, 0.15) == [[0, 1, 2]]


def test_lone_brief_below_the_threshold_stays_alone():
    pairs = {(0, 1): 0.5, (0, 2): 0.05, (1, 2): 0.12}
    clusters = cluster_pairs(3, pairs, 0.15)
    assert join_singletons(clusters, pairs, 0.15) == [[0, 1], [2]]


def test_it_follows_its_nearest_neighbour_not_another_link():
    # 4 links to both stories above the threshold; it goes where its best link is
    pairs = {(0, 1): 0.5, (2, 3): 0.5, (0, 4): 0.16, (3, 4): 0.28, (1, 4): 0.0, (2, 4): 0.0}
    clusters = cluster_pairs(5, pairs, 0.15)
    assert clusters == [[0, 1], [2, 3], [4]]
    assert join_singletons(clusters, pairs, 0.15) == [[0, 1], [2, 3, 4]]


def test_briefs_in_a_story_never_move():
    # 2's nearest neighbour is 3 (0.35), of another story, but 2 has a story of its own
    # (0.3 on average with 0 and 1): it stays there
    pairs = {(0, 1): 0.5, (0, 2): 0.3, (1, 2): 0.3, (3, 4): 0.6, (2, 3): 0.35, (2, 4): 0.0}
    clusters = cluster_pairs(5, pairs, 0.15)
    assert clusters == [[0, 1, 2], [3, 4]]
    assert join_singletons(clusters, pairs, 0.15) == clusters


def test_no_pairs_no_change():
    assert join_singletons([[0], [1]], {}, 0.15) == [[0], [1]]
    assert join_singletons([], {}, 0.15) == []
