"""The pure progression engine and the baseline arithmetic (app/services/progression/rules.py, baseline.py)."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.progression import rules
from app.services.progression.baseline import measured_field, median_amount
from app.services.progression.rules import Decision, Period, Rule


@st.composite
def a_rule(draw):
    floor = draw(st.integers(1, 30))
    kind = draw(st.sampled_from(rules.STEP_KINDS))
    return Rule(field=draw(st.sampled_from(rules.FIELDS)), step_kind=kind,
                step=draw(st.floats(1, 50)) if kind == "percent" else draw(st.integers(1, 10)),
                every_weeks=draw(st.sampled_from([1, 2])), min_adherence=draw(st.floats(0, 1)),
                floor=floor, ceiling=draw(st.integers(floor, 120)), start_share=draw(st.floats(0.3, 1.2)))


periods = st.builds(Period, adherence=st.none() | st.floats(0, 1), flare=st.booleans(), flare_before=st.booleans())


def test_walk_from_15_steps_to_17_with_ten_percent():
    rule = Rule(field="minutes", step=10, floor=5, ceiling=30)
    assert rules.decide(rule, 15, Period(adherence=0.9, flare=False)) == Decision("up", 15, 17)


def test_hold_when_adherence_is_low_and_in_a_flare_week_then_step_back():
    rule = Rule(field="minutes", step_kind="fixed", step=2, floor=5, ceiling=30, min_adherence=0.8)
    assert rules.decide(rule, 15, Period(0.5, False)).kind == "hold"
    assert rules.decide(rule, 15, Period(1.0, True)) == Decision("held_for_flare", 15, 15)
    assert rules.decide(rule, 15, Period(1.0, False, flare_before=True)) == Decision("down", 15, 13)


def test_ceiling_stops_steps_and_start_is_a_share_of_baseline():
    rule = Rule(field="reps", step=50, floor=2, ceiling=12)
    assert rules.decide(rule, 12, Period(1.0, False)).kind == "at_ceiling"
    assert rules.decide(rule, 10, Period(1.0, False)).to_dose == 12
    assert rules.start_dose(rule, 10, 15) == 8           # 80 % of the baseline
    assert rules.start_dose(rule, None, 15) == 12        # no baseline: the prescribed dose, capped


def test_rule_refuses_nonsense():
    with pytest.raises(ValueError):
        Rule(field="minutes", floor=10, ceiling=5)
    with pytest.raises(ValueError):
        Rule(field="minutes", every_weeks=3)


@given(a_rule(), st.integers(0, 200), st.lists(periods, max_size=30))
def test_doses_stay_within_floor_and_ceiling(rule, dose, history):
    for decision in rules.simulate(rule, dose, history):
        assert rule.floor <= decision.to_dose <= rule.ceiling


@given(a_rule(), st.integers(0, 200), periods)
def test_no_step_up_in_a_flare_period(rule, dose, period):
    decision = rules.decide(rule, dose, period)
    if period.flare:
        assert decision.kind == "held_for_flare"
        assert decision.to_dose <= max(dose, rule.floor)
    if period.flare or period.flare_before:
        assert decision.kind != "up"


@given(a_rule(), st.integers(1, 200), periods)
def test_accepting_twice_is_harmless(rule, dose, period):
    decision = rules.decide(rule, dose, period)
    once = rules.accept(dose, decision)
    assert rules.accept(once, decision) == once
    assert once == decision.to_dose


@given(a_rule(), st.integers(0, 200), st.lists(periods, max_size=20))
def test_deterministic(rule, dose, history):
    assert rules.simulate(rule, dose, history) == rules.simulate(rule, dose, history)


@given(a_rule(), st.integers(1, 100), st.floats(0.8, 1))
def test_good_adherence_never_lowers_the_dose(rule, dose, adherence):
    decision = rules.decide(rule, dose, Period(adherence, False))
    assert decision.to_dose >= min(max(dose, rule.floor), rule.ceiling) or adherence < rule.min_adherence


def test_baseline_is_the_median_with_partly_counting_half():
    rows = [("done", 15), ("partial", 15), ("done", 20), ("skipped", 15), ("done", None)]
    assert median_amount(rows) == 15        # 15, 7.5, 20 -> 15
    assert median_amount([("partial", 10), ("partial", 20)]) == 7.5
    assert median_amount([("skipped", 10)]) is None


def test_measured_field_prefers_time_then_reps():
    assert measured_field({"sets": 2, "reps": 10, "hold_seconds": None, "minutes": None}) == "reps"
    assert measured_field({"sets": None, "reps": None, "hold_seconds": None, "minutes": 15}) == "minutes"
    assert measured_field({"sets": None, "reps": None, "hold_seconds": None, "minutes": None}) is None
