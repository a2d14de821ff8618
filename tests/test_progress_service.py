"""Progress computations on constructed data: streaks, trends and insights, with exact numbers."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.models import CheckIn
from app.services.progress.adherence import Tally
from app.services.progress.insights import good_bad_insight, pearson, session_insight, sleep_insight
from app.services.progress.overview import day_state, streaks, trend, weekly

TODAY = date(2026, 11, 29)  # a Sunday


@pytest.mark.parametrize("tally, checked, state", [
    (Tally(4, 2.0), False, "hit"),      # exactly half
    (Tally(4, 1.5), False, "miss"),     # done 1, partly 1: 1.5 of 4
    (Tally(4, 0.0), True, "hit"),       # a check-in alone counts
    (Tally(0, 0.0), False, "rest"),     # nothing planned
    (None, True, "hit"),
    (None, False, "rest"),
])
def test_day_state(tally, checked, state):
    assert day_state(tally, checked) == state


@pytest.mark.parametrize("states, current, best", [
    (["hit", "hit", "miss", "hit", "hit"], 4, 4),                  # one missed day is forgiven
    (["hit", "miss", "miss", "hit"], 1, 1),                        # two in a row break it
    (["hit", "hit", "rest", "miss", "rest", "miss", "hit"], 1, 2),  # rest days are skipped over, not a reset
    (["hit", "hit", "hit", "rest", "rest", "hit"], 4, 4),          # a weekend off breaks nothing
    (["hit", "hit", "miss"], 2, 2),                                # today is not over: never a miss
    (["hit", "miss", "miss"], 1, 1),                               # yesterday's miss counts, today's does not
    (["hit", "hit", "hit", "miss", "miss", "miss", "hit", "hit"], 2, 3),
    (["miss", "miss", "miss"], 0, 0),
    ([], 0, 0),
])
def test_streaks_forgive_one_bad_day(states, current, best):
    result = streaks(states)
    assert (result.current, result.best) == (current, best)


def checkin(day: date, pain: int, sleep: float | None = None, stiffness: int | None = None) -> CheckIn:
    return CheckIn(date=day, pain=pain, sleep_hours=sleep, stiffness=stiffness)


def test_trend_compares_with_the_period_before():
    this_week = [checkin(TODAY - timedelta(days=i), p) for i, p in enumerate([4, 5, 3, 6])]  # avg 4.5
    last_week = [checkin(TODAY - timedelta(days=7 + i), p) for i, p in enumerate([6, 7, 5])]  # avg 6
    t = trend(this_week + last_week, "pain", TODAY, 7)
    assert (t.average, t.previous, t.count, t.lowest, t.highest) == (4.5, 6.0, 4, 3.0, 6.0)
    assert t.summary == "Average pain 4.5, down from 6 the week before."
    assert [d for d, _ in t.points] == [TODAY - timedelta(days=6 - i) for i in range(7)]
    assert t.points[-1] == (TODAY, 4.0) and t.points[0] == (TODAY - timedelta(days=6), None)


@pytest.mark.parametrize("rows, summary", [
    ([], "No sleep recorded in the last 30 days."),
    ([(0, 6.5), (1, 7.5)], "Average sleep 7 hours over the last 30 days."),
    ([(0, 7.0), (35, 6.0)], "Average sleep 7 hours, up from 6 the month before."),
    ([(0, 7.0), (35, 7.0)], "Average sleep 7 hours, about the same as the month before."),
])
def test_trend_summaries(rows, summary):
    checkins = [checkin(TODAY - timedelta(days=d), 5, sleep=h) for d, h in rows]
    assert trend(checkins, "sleep_hours", TODAY, 30).summary == summary


def test_ninety_days_are_drawn_as_weekly_averages():
    checkins = [checkin(TODAY - timedelta(days=d), d % 7, stiffness=d % 3) for d in range(90)]
    t = trend(checkins, "stiffness", TODAY, 90)
    assert len(t.points) == 13  # the first 6 days, then 12 full weeks ending today
    assert t.points[0][0] == TODAY - timedelta(days=84) and t.points[-1][0] == TODAY
    assert t.points[-1][1] == round(sum(d % 3 for d in range(7)) / 7, 1)
    days = [TODAY - timedelta(days=2 - i) for i in range(3)]
    assert weekly(list(zip(days, [1.0, None, 4.0], strict=False))) == [(TODAY, 2.5)]


def test_heat_insight_needs_five_sessions_and_says_pattern_not_cause():
    assert session_insight({"heat": [(6, 4)] * 4, "cold": [(5, 5)] * 4}) is None
    insight = session_insight({"heat": [(6, 4)] * 4 + [(6, 5)], "cold": [(5, 5)] * 4})
    assert insight.text == ("After heat sessions your pain was on average 1.8 points lower afterwards (5 sessions). "
                            "This shows a pattern, not a cause.")
    assert insight.sample == 5


def test_heat_and_cold_compared_when_both_have_enough():
    insight = session_insight({"heat": [(6, 4)] * 6, "cold": [(5, 6)] * 5})
    assert insight.text == ("After heat sessions your pain was on average 2 points lower afterwards (6 sessions); "
                            "after cold sessions your pain was on average 1 point higher afterwards (5 sessions). "
                            "This shows a pattern, not a cause.")


def test_sleep_insight_threshold_and_wording():
    nights = [(8.0, 3), (7.5, 3), (7.0, 4), (8.5, 2), (7.2, 3), (5.0, 5), (6.0, 6), (5.5, 5), (6.5, 4), (4.5, 5)]
    assert sleep_insight(nights[:9]) is None  # 9 nights: too few
    insight = sleep_insight(nights)
    assert insight.text == ("On days after you slept 7 hours or more, your pain was on average 2 points lower than "
                            "after shorter nights (5 and 5 nights). This shows a pattern, not a cause.")
    assert sleep_insight([(8.0, 3)] * 8 + [(5.0, 4)] * 2) is None  # only 2 short nights
    flat = sleep_insight([(8.0, 4)] * 5 + [(5.0, 4)] * 5)
    assert flat.text.startswith("So far there is no clear link")


def test_pearson():
    assert pearson([1, 2, 3], [2, 4, 6]) == 1.0
    assert pearson([1, 2, 3], [3, 2, 1]) == -1.0
    assert pearson([1, 1, 1], [1, 2, 3]) is None


def test_good_and_bad_days_insight():
    good = [(2, Tally(4, 4.0))] * 5            # pain below the median (4): all done
    bad = [(7, Tally(4, 2.0))] * 5             # above: half done
    middle = [(4, Tally(4, 0.0))] * 3          # at the median: left out
    assert good_bad_insight(good[:4] + bad + middle) is None
    insight = good_bad_insight(good + bad + middle)
    assert insight.text.startswith("On your lower-pain days you did 100% of your plan; on your higher-pain days 50% "
                                   "(5 and 5 days). This shows a pattern, not a cause.")
    assert good_bad_insight([(3, Tally(0, 0.0))] * 12) is None  # nothing planned on those days
