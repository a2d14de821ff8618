"""The sleep diary's derived figures and the weekly window rule: worked examples and properties."""
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.sleep import figures as fig
from app.services.sleep import window as win


def night(in_bed, tried, wake, out):
    return {"in_bed": in_bed, "tried_sleep": tried, "final_wake": wake, "out_of_bed": out}


def test_a_night_across_midnight():
    # In bed 22:45, tried at 23:00, 20 min to fall asleep, 30 min awake, woke 06:30, up 06:45.
    f = fig.figures(date(2026, 3, 10), night("22:45", "23:00", "06:30", "06:45"), 20, 30, "Europe/Berlin")
    assert f.time_in_bed_min == 8 * 60  # 22:45 -> 06:45
    assert f.total_sleep_min == 7 * 60 + 30 - 20 - 30  # 06:30 - (23:00 + 20) - 30 = 400
    assert f.efficiency == 83.3  # 400 / 480


def test_a_night_after_midnight_stays_on_the_morning():
    f = fig.figures(date(2026, 3, 10), night("00:30", "00:40", "08:00", "08:10"), 10, 0, "UTC")
    assert (f.time_in_bed_min, f.total_sleep_min, f.efficiency) == (460, 430, 93.5)
    walls = fig.wall_times(date(2026, 3, 10), night("00:30", "00:40", "08:00", "08:10"))
    assert {w.date() for w in walls.values()} == {date(2026, 3, 10)}


def test_the_night_the_clocks_go_back_is_an_hour_longer():
    # Europe/Berlin left summer time on Sunday 25 October 2026 at 03:00 -> 02:00.
    f = fig.figures(date(2026, 10, 25), night("23:00", "23:00", "07:00", "07:00"), 0, 0, "Europe/Berlin")
    assert f.time_in_bed_min == 9 * 60
    assert f.total_sleep_min == 9 * 60
    assert f.efficiency == 100.0


def test_the_night_the_clocks_go_forward_is_an_hour_shorter():
    # Summer time began on Sunday 29 March 2026 at 02:00 -> 03:00.
    f = fig.figures(date(2026, 3, 29), night("23:00", "23:30", "07:00", "07:30"), 30, 0, "Europe/Berlin")
    assert f.time_in_bed_min == 7 * 60 + 30
    assert f.total_sleep_min == 6 * 60  # 23:30 -> 07:00 is 6 h 30 real, minus 30 min latency
    assert f.efficiency == 80.0


def test_after_a_flight_each_night_is_read_in_the_zone_of_that_night():
    # London on the 1st, New York on the 2nd (after a flight west): the same clock times mean the same
    # lengths, each in its own zone, although New York is five hours behind.
    times = night("23:00", "23:15", "06:45", "07:00")
    london = fig.figures(date(2026, 11, 1), times, 15, 15, "Europe/London")
    new_york = fig.figures(date(2026, 11, 2), times, 15, 15, "America/New_York")
    assert london.time_in_bed_min == new_york.time_in_bed_min == 8 * 60
    assert london.total_sleep_min == new_york.total_sleep_min == 7 * 60
    # New York's clocks went back on 1 November 2026: that night in New York is an hour longer.
    first_night_ny = fig.figures(date(2026, 11, 1), times, 15, 15, "America/New_York")
    assert first_night_ny.time_in_bed_min == 9 * 60
    at_ny = fig.instants(date(2026, 11, 2), times, "America/New_York")
    at_london = fig.instants(date(2026, 11, 1), times, "Europe/London")
    assert (at_ny["in_bed"] - at_london["in_bed"]).total_seconds() == (24 + 5) * 3600


@pytest.mark.parametrize("times,latency,waso,awakenings,field", [
    (night("23:00", "22:30", "07:00", "07:15"), 10, 0, 0, "tried_sleep"),  # tried to sleep before going to bed
    (night("23:00", "23:10", "07:00", "06:50"), 10, 0, 0, "out_of_bed"),  # up before waking
    (night("23:00", "23:00", "23:00", "23:30"), 0, 0, 0, "final_wake"),  # no time asleep at all
    (night("23:00", "23:30", "00:30", "07:00"), 90, 0, 0, "latency_min"),  # longer to fall asleep than the night
    (night("23:00", "23:30", "07:30", "07:45"), 60, 460, 3, "waso_min"),  # more awake than the night allows
    (night("23:00", "23:30", "07:30", "07:45"), 10, 30, 0, "awakenings"),  # awake in the night, never woke
    (night("07:00", "20:00", "06:00", "07:30"), 10, 0, 0, "out_of_bed"),  # 24 h or more in bed
])
def test_impossible_nights_name_the_field(times, latency, waso, awakenings, field):
    with pytest.raises(fig.NightError) as caught:
        fig.check_night(times, latency, waso, awakenings)
    assert field in caught.value.fields


def test_weekly_averages_group_by_monday():
    a = fig.Figures(480, 400, 10, 10, 83.3)
    b = fig.Figures(480, 440, 10, 10, 91.7)
    weeks = fig.weekly([(date(2026, 11, 2), a), (date(2026, 11, 8), b), (date(2026, 11, 9), b)])
    assert [(w.start, w.nights, w.efficiency, w.total_sleep_min) for w in weeks] == [
        (date(2026, 11, 2), 2, 87.5, 420), (date(2026, 11, 9), 1, 91.7, 440)]


@pytest.mark.parametrize("average,expected,direction", [
    (92.0, ("23:45", "06:30"), "longer"), (90.0, ("23:45", "06:30"), "longer"),
    (87.0, ("00:00", "06:30"), "same"), (85.0, ("00:00", "06:30"), "same"),
    (84.9, ("00:15", "06:30"), "shorter"),
])
def test_the_weekly_rule_moves_the_bedtime(average, expected, direction):
    s = win.suggest("00:00", "06:30", average)
    assert (s.bedtime, s.rise, s.direction) == (*expected, direction)


def test_the_thresholds_are_settings():
    assert win.suggest("00:00", "06:30", 82, win.Rule(lower_at=80)).direction == "same"
    assert win.suggest("00:00", "06:30", 79.9, win.Rule(lower_at=80)).direction == "shorter"


def test_the_window_stops_at_the_floor():
    s = win.suggest("01:30", "06:30", 60.0)  # exactly 5 h already
    assert (s.bedtime, s.change_min, s.direction) == ("01:30", 0, "same")
    s = win.suggest("01:20", "06:30", 60.0)  # 5 h 10: only 10 minutes to give
    assert (s.bedtime, s.change_min) == ("01:30", -10)


times = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))


@given(times, times, times, times, st.integers(0, 720), st.integers(0, 720), st.integers(0, 50),
       st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"]),
       st.dates(date(2020, 1, 1), date(2030, 12, 31)))
def test_efficiency_stays_between_0_and_100(a, b, c, d, latency, waso, awakenings, tz, morning):
    t = night(a, b, c, d)
    try:
        fig.check_night(t, latency, waso, awakenings)
    except fig.NightError:
        return
    f = fig.figures(morning, t, latency, waso, tz)
    assert 0 <= f.efficiency <= 100
    assert 0 <= f.total_sleep_min <= f.time_in_bed_min


@given(st.integers(0, 1439), st.integers(0, 1439), st.floats(0, 100), st.integers(180, 540),
       st.floats(50, 100), st.floats(0, 20))
def test_the_window_never_goes_below_the_floor(bed, rise, average, floor, lower, gap):
    rule = win.Rule(raise_at=min(100.0, lower + gap), lower_at=lower, floor_min=floor)
    s = win.suggest(win.hm(bed), win.hm(rise), average, rule)
    assert win.length_min(s.bedtime, s.rise) >= floor
    assert s.rise == win.hm(rise)
