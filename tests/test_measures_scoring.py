"""Scoring of the outcome measures: published examples, band edges and each instrument's missing-item rule."""
from __future__ import annotations

import pytest

from app.services.measures import scoring
from app.services.measures.instruments import BODY_AREAS, BY_ID, GAD7, PHQ9
from app.services.measures.scoring import Incomplete, change, score


def test_peg_is_the_mean_of_three_items_to_one_decimal():
    assert score("peg", [7, 5, 6]).score == 6.0
    assert score("peg", [7, 6, 6]).score == 6.3  # 19 / 3
    assert score("peg", [0, 0, 0]).score == 0
    assert score("peg", [10, 10, 10]).score == 10


@pytest.mark.parametrize("answers", [[7, 5], [7, 5, None], [7, 5, 11], [7, 5, -1], [7, 5, True], "7,5,6", None])
def test_peg_needs_all_three_items_in_range(answers):
    with pytest.raises(Incomplete):
        score("peg", answers)


def test_psfs_mean_of_named_activities_and_its_two_point_change():
    answers = [{"activity": "Climbing stairs", "score": 3}, {"activity": "Gardening", "score": 5},
               {"activity": "Carrying shopping", "score": 4}]
    assert score("psfs", answers).score == 4.0
    assert change("psfs", 4.0, 6.0) == "better"        # exactly the MIC (2 points) is meaningful
    assert change("psfs", 4.0, 5.9) == "no meaningful change"
    assert change("psfs", 5.3, 3.3) == "worse"          # higher is better on the PSFS
    assert score("psfs", [{"activity": "Run", "score": 10}]).score == 10


@pytest.mark.parametrize("answers", [[], [{"activity": "", "score": 3}], [{"activity": "Walk"}],
                                     [{"activity": "Walk", "score": 11}], [{"activity": f"a{i}", "score": 1}
                                                                           for i in range(6)]])
def test_psfs_rejects_unnamed_unrated_or_too_many_activities(answers):
    with pytest.raises(Incomplete):
        score("psfs", answers)


@pytest.mark.parametrize("total, band", [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
                                         (14, "moderate"), (15, "moderately severe"), (19, "moderately severe"),
                                         (20, "severe"), (27, "severe")])
def test_phq9_bands_at_5_10_15_20(total, band):
    assert PHQ9.band(total) == band


def test_phq9_total_and_flags():
    assert score("phq9", [1] * 8 + [0]).score == 8
    assert score("phq9", [1] * 8 + [0]).flags == []
    assert score("phq9", [0] * 8 + [1]).flags == ["urgent"]     # any answer above 0 on item 9
    assert score("phq9", [3] * 9).score == 27
    assert score("phq9", [3] * 9).flags == ["urgent", "severe"]
    assert score("phq9", [3, 3, 3, 3, 2, 2, 2, 2, 0]).flags == ["severe"]  # 20 without item 9
    assert score("phq9", [3, 3, 3, 3, 2, 2, 2, 1, 0]).flags == []          # 19


def test_phq9_prorates_up_to_two_missing_items_and_refuses_three():
    assert score("phq9", [2, 2, 2, 2, 2, 2, 2, None, 0]).score == 16   # 14 * 9 / 8 = 15.75 -> 16
    assert score("phq9", [1, 1, 1, 1, 1, 1, 1, None, None]).score == 9
    with pytest.raises(Incomplete):
        score("phq9", [1, 1, 1, 1, 1, 1, None, None, None])
    # Item 9 missing can never raise the urgent flag; item 9 present always can.
    assert "urgent" not in score("phq9", [3, 3, 3, 3, 3, 3, 3, 3, None]).flags


@pytest.mark.parametrize("total, band", [(4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
                                         (15, "severe"), (21, "severe")])
def test_gad7_bands_at_5_10_15(total, band):
    assert GAD7.band(total) == band


def test_gad7_total_flag_and_missing_rule():
    assert score("gad7", [2] * 7).score == 14
    assert score("gad7", [2] * 7).flags == []
    assert score("gad7", [3, 2, 2, 2, 2, 2, 2]).flags == ["severe"]
    assert score("gad7", [3, 3, 3, 3, 3, 3, None]).score == 21
    with pytest.raises(Incomplete):
        score("gad7", [3, 3, 3, 3, 3, None, None])
    with pytest.raises(Incomplete):
        score("gad7", [4, 0, 0, 0, 0, 0, 0])


def test_wpi_sss_sums_areas_and_symptoms():
    answers = {"areas": list(BODY_AREAS[:7]), "fatigue": 2, "unrefreshed": 2, "cognitive": 1,
               "headache": 0, "abdominal": 0, "depression": 0}
    result = score("wpi_sss", answers)
    assert (result.score, result.parts["wpi"], result.parts["sss"]) == (12, 7, 5)
    everything = {"areas": list(BODY_AREAS), "fatigue": 3, "unrefreshed": 3, "cognitive": 3,
                  "headache": 1, "abdominal": 1, "depression": 1}
    assert score("wpi_sss", everything).parts == {"wpi": 19, "sss": 12}
    assert score("wpi_sss", everything | {"areas": ["neck", "neck"]}).parts["wpi"] == 1   # an area counts once


@pytest.mark.parametrize("bad", [{"areas": ["knee"]}, {"fatigue": None}, {"depression": 2}, {"cognitive": 4}])
def test_wpi_sss_needs_every_item_and_known_areas(bad):
    answers = {"areas": [], "fatigue": 0, "unrefreshed": 0, "cognitive": 0, "headache": 0, "abdominal": 0,
               "depression": 0} | bad
    with pytest.raises(Incomplete):
        score("wpi_sss", answers)


def test_wpi_sss_has_no_bands_and_no_diagnosis():
    assert BY_ID["wpi_sss"].band(25) is None
    assert not BY_ID["wpi_sss"].for_patient_bands
    assert "diagnos" not in repr(scoring.wpi_sss({"areas": list(BODY_AREAS), "fatigue": 3, "unrefreshed": 3,
                                                  "cognitive": 3, "headache": 1, "abdominal": 1,
                                                  "depression": 1}))


def test_meaningful_change_needs_the_mic():
    assert change("phq9", 12, 7) == "better"
    assert change("phq9", 12, 8) == "no meaningful change"
    assert change("gad7", 6, 10) == "worse"
    assert change("peg", 7.0, 5.0) == "better"
    assert change("peg", 7.0, 5.3) == "no meaningful change"
    assert change("wpi_sss", 10, 20) == "no meaningful change"   # no published MIC: never called meaningful


def test_every_instrument_is_versioned_and_german_only_where_validated():
    assert all(i.version for i in BY_ID.values())
    assert {i for i, inst in BY_ID.items() if inst.de} == {"phq9", "gad7"}
    assert PHQ9.wording("de")["items"][8].startswith("Gedanken, dass Sie lieber tot wären")
    assert BY_ID["peg"].wording("de")["validated_language"] == "en"
