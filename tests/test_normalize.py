"""Normalisation repairs noise for the parser but every span maps back to the original."""
import random

from dyadwatch.text.normalize import normalize


def test_wrong_facing_closing_quote_is_turned_round():
    n = normalize("“We are ready to talk, “the minister said.")
    assert n.text.startswith("“We are ready to talk,”")
    assert "” the minister" in n.text


def test_quote_mark_at_paragraph_end_closes():
    n = normalize("He replied: “There is nothing to discuss. “\n\nNext paragraph.")
    assert "discuss.”" in n.text


def test_straight_quotes_get_a_direction():
    n = normalize('She said "no" and left.')
    assert "“no”" in n.text


def test_translation_noise_is_removed():
    n = normalize("about this. . There is the cyberattack – l one of the worst way (…) to go, "
                  "and [the] fight.")
    assert ". ." not in n.text
    assert " l one" not in n.text
    assert "(…)" not in n.text
    assert "[the]" not in n.text and "the fight" in n.text


def test_spans_map_back_to_the_original_characters():
    original = "“The reason for him [to go] is clear (…) now, “Peskov said. . Then  he left."
    n = normalize(original)
    start = n.text.index("Peskov")
    assert n.original_span(start, start + len("Peskov")) == "Peskov"
    # a repaired span maps to the original span that covers it, brackets included
    start = n.text.index("him to go")
    assert n.original_span(start, start + len("him to go is")) == "him [to go] is"


def test_offsets_are_monotonic_and_inside_the_original():
    rng = random.Random(7)
    pieces = ["word", " ", "“", "”", '"', ". .", "(…)", "[x]", "\r\n", "\u00a0", "– l one", "é", "\x00"]
    for _ in range(200):
        original = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 40)))
        n = normalize(original)
        assert len(n.offsets) == len(n.text) + 1
        assert all(0 <= o <= len(original) for o in n.offsets)
        assert all(a <= b for a, b in zip(n.offsets, n.offsets[1:]))


def test_a_wire_dateline_is_not_part_of_the_first_sentence():
    assert normalize("GAZA CITY, Palestinian Territories: Four children were killed.").text == \
        "Four children were killed."
    assert normalize("WASHINGTON (Reuters) - The US said.").text == "The US said."
    assert normalize("NATO said on Monday.").text == "NATO said on Monday."
    # a dash glued to the first word after the agency ("TBILISI (Reuters) -Georgian forces")
    assert normalize("TBILISI (Reuters) -Georgian police used tear gas.").text == \
        "Georgian police used tear gas."
    assert normalize("NATO-Russia talks ended.").text == "NATO-Russia talks ended."
