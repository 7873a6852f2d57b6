"""Protests named by a noun ("protests broke out", "staged a strike"): people of a country
against its government, only when the protest takes place in the sentence."""
import pytest

from tests.test_events import triples


@pytest.mark.parametrize("text,country", [
    ("NAIROBI (Reuters) - Anti-government protests broke out in several Kenyan cities on "
     "Tuesday.", "KEN"),
    ("Thousands of people joined anti-government protests in Colombia on Wednesday.", "COL"),
    ("A huge rally in Belgrade on Saturday demanded early parliamentary elections.", "SRB"),
])
def test_a_protest_that_takes_place_is_people_against_their_government(code, text, country):
    assert (country, "14", country) in triples(code(text, "2021-04-28"))


@pytest.mark.parametrize("text", [
    "The group planned to organise mass protests in Bishkek after the election.",
    "President Daniel Ortega led a rally in Managua on Saturday.",
    "Police in Nairobi said the protests were illegal.",
])
def test_a_protest_planned_held_by_the_state_or_only_mentioned_is_none(candidates, text):
    assert not [e for e in candidates(text, "2021-04-28").events if e.root == "14"]


@pytest.mark.parametrize("text", [
    "PHNOM PENH (Reuters) - Kem Sokha has led the main opposition Cambodia National Rescue "
    "Party (CNRP) since February.",
    "TRIPOLI (Reuters) - The air strikes took place on Saturday south of the Libyan capital.",
])
def test_an_opposition_party_or_an_air_strike_is_no_protest(candidates, text):
    assert not [e for e in candidates(text, "2019-04-20").events if e.root == "14"]


@pytest.mark.parametrize("text,country", [
    ("HARARE (Reuters) - Zimbabwe's opposition has demanded a re-run of the presidential vote.",
     "ZWE"),
    ("LIMA (Reuters) - Thousands of Peruvian students demanded new elections on Tuesday.", "PER"),
])
def test_people_demanding_of_no_one_named_make_their_demand_of_their_government(
        code, text, country):
    got = [e for e in code(text, "2021-04-28").events if e.root == "10"]
    assert [(e.source.country, e.target.code if e.target else None) for e in got] == \
        [(country, country + "GOV")]


def test_a_demand_made_abroad_is_not_laid_at_the_home_government(candidates):
    got = candidates("Zimbabwe's opposition has demanded that South Africa close its border.",
                     "2021-04-28")
    assert not [e for e in got.events if e.root == "10" and e.target is not None
                and e.target.code == "ZWEGOV"]
