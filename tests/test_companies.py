"""Large companies of the world (issue 16): companies_forbes.tsv, converted from Forbes' Global
2000 by scripts/companies.py, as a user meets it: a company in the news is its home country's
business (CAMEO BUS), and a common word or a place that is also a company's name stays what it
is in ordinary text."""
import pytest
from conftest import load_jsonl, run_cli
from tests.test_actors import resolve_mention

from dyadwatch.kb.countries import split_code
from dyadwatch.kb.names import alias_key
from dyadwatch.kb.resources import PACKAGE_DATA, read_tsv

COMPANIES = PACKAGE_DATA / "companies_forbes.tsv"


def test_extract_codes_a_company_as_its_countrys_business():
    text = "Gazprom cut gas supplies to Moldova. Turkish Airlines suspended flights to Iran."
    out = run_cli("extract", "-", "--format", "jsonl", "--published", "2025-03-05",
                  stdin=text.encode())
    assert out.returncode == 0, out.stderr
    [doc] = load_jsonl(out.stdout)
    pairs = {(e["source"]["code"], e["target"]["code"]) for e in doc["events"] if e["target"]}
    assert ("RUSBUS", "MDA") in pairs
    assert ("TURBUS", "IRN") in pairs


@pytest.mark.parametrize("text, expected", [
    # a company's name with a country or a place in it is the company, not the place
    ("Bank of America", "USABUS"),
    ("Deutsche Bank", "DEUBUS"),
    ("Bank of China", "CHNBUS"),
    ("State Bank of India", "INDBUS"),
    ("Qatar National Bank", "QATBUS"),
    ("Turkish Airlines", "TURBUS"),
    # the short names news uses
    ("Saudi Aramco", "SAUBUS"),
    ("Alibaba", "CHNBUS"),
    ("HSBC", "GBRBUS"),
    ("Toyota", "JPNBUS"),
    ("Microsoft", "USABUS"),
    # names that are common words, only in their unambiguous forms
    ("Apple Inc.", "USABUS"),
    ("Alphabet Inc.", "USABUS"),
    ("Shell plc", "GBRBUS"),
    ("TotalEnergies", "FRABUS"),
])
def test_companies_resolve_to_their_home_country(pipeline, text, expected):
    actor = pipeline.resolve_phrase(text)
    assert actor is not None and actor.code == expected


@pytest.mark.parametrize("text, source, target", [
    ("He ate an apple. Apple farmers in Poland condemned Russia.", "POLAGR", "RUS"),
    ("Orange farmers in Spain protested against Morocco.", "ESPAGR", "MAR"),
    ("Total casualties rose after Israel struck Gaza.", "ISR", "PSE"),
    ("Shell fragments hit a school after Russia attacked Kharkiv.", "RUS", "UKR"),
    ("Target practice ended after Russia attacked Ukraine.", "RUS", "UKR"),
    ("Jordan condemned Israel.", "JOR", "ISR"),  # a country, though a company's name too
])
def test_a_common_word_or_a_place_is_no_company(candidates, text, source, target):
    events = candidates(text).events  # what the actors resolve to, apart from the event model
    assert [(e.source.code, e.target.code) for e in events] == [(source, target)]


def test_the_file_codes_each_company_by_country_and_names_its_source():
    rows = read_tsv(COMPANIES)
    assert len({r["name"] for r in rows}) >= 1000
    for r in rows:
        country, sector = split_code(r["code"])
        assert country and sector == "BUS" and len(r["code"]) == 6, r
    aliases = {alias_key(r["alias"]) for r in rows}
    assert not aliases & {"apple", "shell", "total", "orange", "target", "delta", "amazon", "jordan"}
    header = [line for line in COMPANIES.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert any("Global 2000" in h for h in header)
    assert any("scripts/companies.py" in h for h in header)


def test_a_first_name_that_names_a_company_is_still_a_person(pipeline):
    # Leonardo is an Italian company; "Leonardo DiCaprio" is a person
    assert resolve_mention(pipeline, "Leonardo DiCaprio criticised the government of Brazil.",
                           "Leonardo DiCaprio", "2023-05-01") is None
