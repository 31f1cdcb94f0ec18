"""A brief left alone by average linkage joins the story it resembles most on average,
when its nearest neighbour is close enough."""

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


def test_it_goes_where_its_links_are_best_on_average():
    # 4 links to both stories above the threshold; it goes where its average link is best
    pairs = {(0, 1): 0.5, (2, 3): 0.5, (0, 4): 0.16, (3, 4): 0.28, (1, 4): 0.0, (2, 4): 0.0}
    clusters = cluster_pairs(5, pairs, 0.15)
    assert clusters == [[0, 1], [2, 3], [4]]
    assert join_singletons(clusters, pairs, 0.15) == [[0, 1], [2, 3, 4]]


def test_two_fair_links_outweigh_one_close_link_of_another_story():
    # 4's nearest neighbour is 0 (0.2: the same senator's other news), but it is fairly
    # close to both tellings of 2 and 3's event: 0.14 on average there, 0.1 with {0, 1}
    pairs = {(0, 1): 0.5, (2, 3): 0.5, (0, 4): 0.2, (2, 4): 0.14, (3, 4): 0.14}
    clusters = cluster_pairs(5, pairs, 0.15)
    assert clusters == [[0, 1], [2, 3], [4]]
    assert join_singletons(clusters, pairs, 0.15) == [[0, 1], [2, 3, 4]]


def test_fair_links_alone_do_not_join():
    # the same two fair links, but no link of 4 clears the threshold: it stays alone
    pairs = {(0, 1): 0.5, (2, 3): 0.5, (0, 4): 0.1, (2, 4): 0.14, (3, 4): 0.14}
    clusters = cluster_pairs(5, pairs, 0.15)
    assert join_singletons(clusters, pairs, 0.15) == [[0, 1], [2, 3], [4]]


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
