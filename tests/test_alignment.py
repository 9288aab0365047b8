"""Event alignment on hand-made frames."""

from annotator.agreement.events import align, pair_score
from annotator.agreement.measures import clusters


def frame(
    start: int, end: int, kind: str = "Battles", date: str = "2021-06-06", place: str = "Qaisar"
) -> dict:
    return {
        "trigger_start": start,
        "trigger_end": end,
        "event_type": kind,
        "event_date": date,
        "location": place,
    }


def test_overlapping_triggers_pair_up_one_to_one() -> None:
    first = [frame(10, 16), frame(100, 110, "Explosions/Remote violence")]
    second = [frame(102, 108, "Explosions/Remote violence"), frame(12, 16)]
    assert sorted(align(first, second)) == [(0, 1), (1, 0)]


def test_the_optimal_matching_beats_the_greedy_one() -> None:
    # greedily, a0-b0 (overlap, same type) would be taken first and leave a1 alone;
    # the optimum pairs a0-b1 (overlap) and a1-b0 (near, same type, date and place)
    first = [frame(0, 10, "Battles", "2021-06-06", "X"), frame(40, 46)]
    second = [frame(5, 12), frame(8, 10, "Riots", "2021-06-07", "Y")]
    assert sorted(align(first, second)) == [(0, 1), (1, 0)]


def test_far_apart_frames_do_not_pair() -> None:
    assert align([frame(0, 5)], [frame(900, 905)]) == []
    assert pair_score(frame(0, 5), frame(900, 905)) == 0.0


def test_type_date_and_place_break_ties_between_near_triggers() -> None:
    first = [frame(50, 55, "Battles", "2021-06-06", "Qaisar")]
    second = [frame(70, 75, "Riots", "2021-06-01", "Kabul"), frame(30, 35, "Battles", "2021-06-06", "Qaisar")]
    assert align(first, second) == [(0, 1)]


def test_clusters_across_three_annotators() -> None:
    groups = clusters(
        {
            "ana": [frame(10, 16), frame(100, 110)],
            "bo": [frame(100, 108)],
            "cy": [frame(11, 16), frame(500, 505)],
        }
    )
    assert sorted(sorted(g.items()) for g in groups) == [
        [("ana", 0), ("cy", 0)],
        [("ana", 1), ("bo", 0)],
        [("cy", 1)],
    ]
