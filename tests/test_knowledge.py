"""Knowledge is data passed into a pipeline: a user's own data folder or a part given ready-made
changes what one pipeline codes, and not what another in the same process codes."""
import shutil

import pytest

from dyadwatch.kb.gazetteer import Place
from dyadwatch.kb.knowledge import Knowledge
from dyadwatch.kb.resources import PACKAGE_DATA
from dyadwatch.pipeline import Pipeline
from dyadwatch.records import InputDocument

ALLEGATION = "The United States claimed on Tuesday that Russia had attacked Ukraine."


def _accusations(pipeline):
    result = pipeline.process(InputDocument("k", ALLEGATION, "2022-03-01"))
    return {(e.source.country, e.cameo, e.target.country) for e in result.events
            if e.target and e.target.country == "RUS"}


def test_a_code_changed_in_a_users_data_folder_changes_only_that_pipeline(tmp_path, pipeline):
    data = tmp_path / "data"
    shutil.copytree(PACKAGE_DATA, data)
    rules = data / "cameo_rules_curated.tsv"
    text = rules.read_text(encoding="utf-8")
    assert "\nallegation\t112\t" in text
    rules.write_text(text.replace("\nallegation\t112\t", "\nallegation\t111\t"), encoding="utf-8")

    mine = Pipeline(knowledge=Knowledge(data_dir=data))
    assert _accusations(mine) == {("USA", "111", "RUS")}  # an allegation is now criticism
    assert _accusations(pipeline) == {("USA", "112", "RUS")}  # the default pipeline is untouched


class _OneCityGazetteer:
    """A test's own gazetteer: every name is Springfield, Illinois."""

    def lookup(self, name, countries=frozenset()):
        return Place("Springfield", "USA", "IL", 39.8, -89.64, 4250542, "city", 116_000)


def test_a_ready_made_gazetteer_places_the_events(pipeline):
    text = "Biden met Putin in Geneva on Wednesday."
    mine = Pipeline(knowledge=Knowledge(gazetteer=_OneCityGazetteer()))
    [meeting] = [e for e in mine.process(InputDocument("g", text, "2021-06-11")).events
                 if e.root == "04" and e.location]
    assert meeting.location["name"] == "Springfield"
    [default] = [e for e in pipeline.process(InputDocument("g", text, "2021-06-11")).events
                 if e.root == "04" and e.location]
    assert default.location["country"] == "CHE"


def test_a_data_folder_missing_a_file_names_the_file_and_the_folder(tmp_path):
    knowledge = Knowledge(data_dir=tmp_path)
    with pytest.raises(FileNotFoundError, match=r"cameo_codebook\.tsv is not in .*"):
        knowledge.codebook


def test_unknown_knowledge_parts_are_refused():
    with pytest.raises(TypeError, match="gazeteer"):
        Knowledge(gazeteer=_OneCityGazetteer())


def test_a_name_broken_over_two_lines_is_still_the_name(code):
    result = code("The United\nStates imposed sanctions on Belarus on Friday.")
    assert ("USA", "BLR") in {(e.source.country, e.target and e.target.country)
                              for e in result.events if e.root == "16"}


def test_an_actor_mention_ends_with_its_name_not_the_blank_line_after_it(code):
    text = "Reuters\n\nMOSCOW - Russia expelled two Estonian diplomats on Friday."
    result = code(text)
    [reuters] = [a for a in result.actors if a.name == "Reuters"]
    assert reuters.text == "Reuters" and text[reuters.start:reuters.end] == "Reuters"
