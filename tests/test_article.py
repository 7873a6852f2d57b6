"""Real articles are not flat runs of sentences: headlines, bylines, captions and credit lines,
wire datelines, and the event's own date against the article's. Texts written for these tests."""
from dyadwatch.records import InputDocument

ARTICLE = (
    "Russia expels two Estonian diplomats in tit-for-tat move\n\n"
    "By Anna Petrova, Reuters\n\n"
    "Estonian border guards patrol near Narva on Friday. Photo: Ilmar Saar / AFP\n\n"
    "MOSCOW (Reuters) - Russia expelled two Estonian diplomats on Friday, the foreign ministry said, "
    "days after Tallinn ordered out a Russian envoy.\n\n"
    "Jaak Tamm contributed reporting from Tallinn."
)


def test_headline_byline_caption_and_credit_code_nothing_and_the_body_event_counts_once(code):
    result = code(ARTICLE, "2021-04-16")
    expulsions = [e for e in result.events if e.root in ("16", "17") and e.source.country == "RUS"]
    assert len(expulsions) == 1  # the headline restates the lead: one event, from the body
    assert expulsions[0].sentence.startswith("Russia expelled two Estonian diplomats on Friday")
    sentences = {result.sentences[e.sentence_index] for e in result.events}
    assert not any("Photo:" in s or "contributed reporting" in s or s.startswith("By ")
                   for s in sentences)


def test_a_blank_line_ends_a_sentence(code):
    result = code("Iran condemns US strikes\n\nThe United States on Monday struck militia sites "
                  "in Iraq, the Pentagon said.", "2021-06-28")
    assert result.sentences[0] == "Iran condemns US strikes"


def test_lines_at_the_top_without_a_full_stop_end_at_a_single_line_break(code):
    # pages often put the headline, the agency and the date on lines of their own
    result = code("Iran condemns US strikes on militias\nAgencies\nJune 28, 2021\nThe United "
                  "States on Monday struck militia sites in Iraq, the Pentagon said.", "2021-06-28")
    assert result.sentences[:3] == ["Iran condemns US strikes on militias", "Agencies",
                                    "June 28, 2021"]
    assert {e.sentence_index for e in result.events} == {3}  # the headline codes nothing


def test_hard_wrapped_lines_run_on_into_one_sentence(code):
    text = ("The United States on Monday struck militia\nsites in Iraq and Syria used by groups\n"
            "that Washington says are backed by\nIran, the Pentagon said, after drone\n"
            "attacks on US personnel in Iraq\nearlier this month.")
    assert len(code(text, "2021-06-28").sentences) == 1
    # too short to tell from its lines' lengths, but its next line starts in lower case
    assert len(code("Russia and China on Monday signed\na gas deal worth billions of dollars.",
                    "2021-06-28").sentences) == 1


def test_a_single_line_without_a_full_stop_is_still_coded(code):
    result = code("Russia expels two Estonian diplomats", "2021-04-16")
    assert ("RUS", "EST") in {(e.source.country, e.target and e.target.country)
                              for e in result.events}


def test_a_city_and_a_colon_opening_a_paragraph_is_a_dateline_not_an_actor(code):
    result = code("Nine killed near the border\n\nMaiduguri: Gunmen killed nine farmers near the "
                  "border on Sunday, residents said.", "2022-02-07")
    killings = [e for e in result.events if e.root in ("18", "19", "20")]
    assert killings and {e.source.text for e in killings} == {"Gunmen"}
    assert killings[0].location and killings[0].location["country"] == "NGA"
    # a word that is no city keeps its place in the sentence
    kept = code("Sanctions\n\nAnalysis: Germany expelled two Russian diplomats on Monday.",
                "2022-04-04")
    assert any(s.startswith("Analysis:") for s in kept.sentences)


def test_police_and_gunmen_without_a_nationality_are_of_the_country_the_article_reports_from(code):
    text = ("KABUL, Afghanistan (AP) - Gunmen attacked a police checkpoint on Saturday, and police "
            "arrested three men after the attack, a provincial spokesman said.")
    result = code(text, "2019-01-12")
    arrests = [e for e in result.events if e.root == "17"]
    assert arrests and arrests[0].source.country == "AFG"


def test_a_future_weekday_is_the_coming_one_and_a_past_act_is_never_after_its_article(code):
    # published on a Tuesday
    meeting = code("On Wednesday, Biden will meet Putin in Geneva.", "2021-06-15")
    assert [e.date for e in meeting.events if e.root == "04"] == ["2021-06-16"]
    past = code("Russia attacked Ukraine on Wednesday.", "2021-06-15")
    assert [e.date for e in past.events if e.root == "19"] == ["2021-06-09"]


def test_deadlines_and_durations_are_not_dates_but_a_year_on_an_event_noun_is(code):
    deadline = code("Iran pledged to cut emissions by 2025, and Russia criticised the United "
                    "States.", "2016-09-08")
    assert all(e.date == "2016-09-08" for e in deadline.events)
    duration = code("Russia has occupied parts of Georgia for 13 years, Tbilisi said.", "2021-09-08")
    assert all(e.date_source == "published" for e in duration.events)
    noun = code("The United States condemned the Kremlin's 2014 annexation of Crimea.", "2016-10-17")
    assert "2014" in {e.date for e in noun.events}


def test_absurd_relative_dates_are_no_dates_and_no_crash(pipeline):
    for text in ("Russia attacked Ukraine 30000 months ago.", "Russia attacked Ukraine 1000000 days ago."):
        result = pipeline.process(InputDocument("t", text, "2022-01-01"))
        assert all(e.date_source == "published" for e in result.events)


def test_confidence_is_the_event_models_probability_and_min_confidence_filters(code, pipeline,
                                                                              rules_only):
    text = "Russia expelled two Estonian diplomats on Friday."
    result = code(text, "2021-04-16")
    [event] = [e for e in result.events if e.root == "16"]
    model = pipeline.knowledge.event_model
    assert event.confidence == round(model.probability(event.features), 2)
    assert event.confidence >= model.threshold
    from dyadwatch.pipeline import Pipeline

    strict = Pipeline(knowledge=pipeline.knowledge, min_confidence=0.999)
    assert strict.process(InputDocument("t", text, "2021-04-16")).events == []
    assert len(rules_only.process(InputDocument("t", text, "2021-04-16")).events) >= 1


def test_min_confidence_on_the_command_line(tmp_path):
    from conftest import load_jsonl, run_cli

    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    counts = {}
    for floor in ("0", "0.99"):
        out = run_cli("extract", str(article), "--published", "2021-04-16", "--format", "jsonl",
                      "--min-confidence", floor)
        [doc] = load_jsonl(out.stdout)
        counts[floor] = len(doc["events"])
        assert all(e["confidence"] >= float(floor) for e in doc["events"])
    assert counts["0"] > counts["0.99"]
    bad = run_cli("extract", str(article), "--min-confidence", "2")
    assert bad.returncode == 2 and b"not a probability" in bad.stderr


def test_every_event_is_placed_and_says_how(code):
    located = {e.root: e.location for e in code(
        "KABUL, Afghanistan (AP) - Gunmen attacked a checkpoint on Saturday, officials said.",
        "2019-01-12").events}
    assert located["19"]["country"] == "AFG" and located["19"]["source"] == "dateline"
    assert located["19"]["granularity"] == "city"
    [attack] = [e for e in code("Russia attacked Ukraine on Monday.", "2022-03-01").events
                if e.root == "19"]
    assert (attack.location["name"], attack.location["source"]) == ("Ukraine", "actor")
    [meeting] = [e for e in code("Biden met Putin in Geneva on Wednesday.").events if e.root == "04"]
    assert (meeting.location["name"], meeting.location["source"]) == ("Geneva", "clause")


def test_events_without_a_target_need_the_model_s_own_higher_threshold(pipeline, rules_only):
    """An event with no target is held to a threshold of its own (chosen for the same precision);
    one with a target to the model's; a user's min_confidence overrides both."""
    import dataclasses

    text = "Russia expelled two Estonian diplomats on Friday. Moscow also condemned the move."
    events = rules_only.process(InputDocument("t", text, "2021-04-16")).events
    with_target = next(e for e in events if e.target is not None)
    model = pipeline.knowledge.event_model
    assert model.threshold_without_target is not None
    assert model.threshold_without_target >= model.threshold
    alone = dataclasses.replace(with_target, target=None)
    p = model.probability(with_target.features)
    between = dataclasses.replace(model, threshold=p - 0.01, threshold_without_target=p + 0.01)
    assert between.decide([with_target]) == [with_target]
    assert between.decide([alone]) == []
    assert between.decide([alone], min_confidence=p - 0.01) == [alone]
