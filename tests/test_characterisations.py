"""What a speaker calls someone is that speaker's criticism or accusation of them (CAMEO 11x),
in reported speech and in quotes; the narrator's words and negated or duty readings are not.
Sentences written for these tests."""
from __future__ import annotations

import pytest


def described(result):
    return {(e.source.country, e.root, e.target.country if e.target else None)
            for e in result.events if e.rule.startswith("rule: a speaker describes")}


def test_a_reported_description_by_a_word_of_blame_is_criticism(candidates):
    got = described(candidates("Dutch Foreign Minister Hanke Bruins Slot told reporters that "
                               "Georgia's government was \"illegitimate\".", "2024-12-02"))
    assert got == {("NLD", "11", "GEO")}


def test_a_quoted_accusation_is_the_speakers(candidates):
    got = described(candidates("\"The Ethiopian government is responsible for the deaths of "
                               "civilians,\" Eritrean Information Minister Yemane Gebremeskel "
                               "said.", "2021-03-01"))
    assert got == {("ERI", "11", "ETH")}


def test_calling_an_actor_a_name_is_criticism(candidates):
    got = described(candidates("Venezuelan President Nicolas Maduro called Colombian President "
                               "Ivan Duque a warmonger.", "2019-02-25"))
    assert got == {("VEN", "11", "COL")}


def test_the_narrator_negations_and_duties_describe_no_one(candidates):
    for text in ("Russia was responsible for the attack on the convoy.",
                 "French President Emmanuel Macron said Russia was not responsible.",
                 "French President Emmanuel Macron said Russia was responsible for ensuring "
                 "the safety of the plant."):
        assert not described(candidates(text, "2022-09-01")), text


def criticisms(result):
    return {(e.source.country, e.root, e.target.country if e.target else None)
            for e in result.events if e.root == "11"}


def test_blaming_an_act_or_statement_criticises_whoever_owns_it(candidates):
    for text, want in (
            ("Athens called the Turkish decision escalatory and regrettable.",
             ("GRC", "11", "TUR")),
            ("Kenyan President William Ruto said the Somali accusations were baseless.",
             ("KEN", "11", "SOM")),
            ("The Kenyan foreign ministry said the claims by Mogadishu were baseless.",
             ("KEN", "11", "SOM"))):
        assert criticisms(candidates(text, "2023-05-10")) == {want}, text


def test_the_name_may_follow_as_an_apposition(candidates):
    got = criticisms(candidates("Venezuelan President Nicolas Maduro last week called Guyana "
                               "his country's principal enemy.", "2023-12-01"))
    assert got == {("VEN", "11", "GUY")}


def test_an_act_with_no_owner_is_no_criticism(candidates):
    for text in ("Kenyan President William Ruto called the curfew a fraud.",
                 "The Kenyan opposition called the decision baseless."):
        assert not criticisms(candidates(text, "2023-05-10")), text



@pytest.mark.parametrize("text, date, want", [
    # "as" a word of blame
    ("Moscow viewed the expulsion of its diplomats by Chisinau as unfriendly.", "2023-07-26",
     ("RUS", "11", "MDA")),
    # "the test" is the act the first sentence names with its owner
    ("Seoul condemned Pyongyang's ballistic missile test on Monday. South Korea's foreign "
     "ministry called the test a violation of UN resolutions.", "2023-03-14",
     ("KOR", "11", "PRK")),
    # the word of blame qualifies the label
    ("President Donald Trump has labelled Iran's Revolutionary Guards a corrupt terror force.",
     "2019-04-08", ("USA", "11", "IRN")),
    # "as" hung on the verb inside the object
    ("Algeria termed Morocco's decision to recall its ambassador as unjustified.", "2013-11-01",
     ("DZA", "11", "MAR")),
    # passive: the speaker is named after "by"
    ("The Israeli decision to close the crossing was described as a crime by the Palestinian "
     "Authority.", "2024-05-08", ("PSE", "11", "ISR")),
])
def test_other_ways_of_describing_an_act_criticise_its_owner(candidates, text, date, want):
    assert described(candidates(text, date)) == {want}
