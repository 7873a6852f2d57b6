"""Quotes and speakers on text written for these tests."""


def test_direct_quote_with_cue_after_and_inverted_speaker(code):
    result = code('"We will respond," said Chinese Foreign Minister Wang Yi on Monday.', "2023-03-01")
    [q] = result.quotes
    assert q.kind == "direct" and q.text == "We will respond,"
    assert q.speaker.name == "Wang Yi" and q.speaker.code == "CHNGOV"


def test_cue_before_with_colon_and_continuation(code):
    text = ("The Pentagon spokesman replied: “We are watching closely.” "
            "“Nothing has changed,” he added.\n\n“Our position is firm.”")
    result = code(text, "2022-02-01")
    assert len(result.quotes) == 3
    first = result.quotes[0]
    assert first.cue == "replied" and first.speaker.country == "USA"
    assert result.quotes[2].speaker is not None and result.quotes[2].cue is None
    assert result.quotes[2].speaker.country == "USA"


def test_indirect_speech_and_addressee(code):
    result = code("Erdogan told reporters that Turkey would not accept the proposal.", "2022-01-01")
    [q] = result.quotes
    assert q.kind == "indirect" and q.text == "Turkey would not accept the proposal"
    assert q.speaker.name == "Recep Tayyip Erdogan" and q.addressee == "reporters"


def test_according_to(code):
    result = code("The talks will resume in Doha next week, according to Qatari officials.")
    [q] = result.quotes
    assert q.cue == "according to" and q.speaker.country == "QAT"
    assert "according" not in q.text


def test_mixed_quote_fragment(code):
    result = code("Lavrov said the measures were “an act of aggression” against Russia.", "2022-01-01")
    mixed = [q for q in result.quotes if q.text == "an act of aggression"]
    assert mixed and mixed[0].kind == "mixed" and mixed[0].speaker.name == "Sergei Lavrov"


def test_unclosed_quote_is_flagged_not_lost(code):
    result = code("Zelensky said: “We will defend every city", "2022-03-01")
    [q] = [q for q in result.quotes if q.kind != "indirect"]
    assert q.closed is False and q.text.startswith("We will defend")


def test_a_short_family_name_names_the_person_named_in_full_before(code):
    # "Xi" is short, but a person's name, not a common word like "Us"
    result = code("Chinese President Xi Jinping arrived in Dhaka on Friday.\n\n“We are ready to "
                  "work with the Bangladeshi side,” Mr. Xi said.", "2016-10-14")
    assert result.quotes and result.quotes[0].speaker.code == "CHNGOV"
