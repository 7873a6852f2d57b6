"""Knowledge lives in data files that name their source; the package ships no one else's text."""
from importlib import resources
from pathlib import Path

from dyadwatch.kb.knowledge import Knowledge
from dyadwatch.kb.resources import read_tsv

DATA = Path(str(resources.files("dyadwatch") / "data"))


def test_every_data_file_names_its_source():
    for f in sorted(DATA.iterdir()):
        if f.suffix in (".tsv", ".txt") and f.name != "sample_article.txt":
            header = "".join(line for line in f.read_text(encoding="utf-8").splitlines(True)[:6]
                             if line.startswith("#"))
            assert header, f"{f.name} has no '#' header naming its source"
            assert any(w in header for w in ("from", "curated", "converted")), f.name


def test_curated_codes_are_in_the_codebook():
    book = Knowledge().codebook
    for name in ("verb_patterns_curated.tsv", "code_transforms_curated.tsv"):
        for row in read_tsv(DATA / name):
            if row["code"] != "-":
                assert book.lookup(row["code"]) is not None, (name, row)


def test_the_package_carries_neither_the_seed_nor_the_gold_text(shared):
    seed = (shared / "seeds" / "000_2a65eb5dfeea3cf3.txt").read_text(encoding="utf-8")
    probe = "there is nothing to discuss about this gentleman"
    assert probe in seed.lower()
    for f in DATA.iterdir():
        assert probe not in f.read_text(encoding="utf-8", errors="ignore").lower(), f.name


def test_each_word_class_is_described_once_and_used_as_described():
    # two header lines for one class would merge two lists of words meant for different jobs
    text = (DATA / "word_classes_curated.tsv").read_text(encoding="utf-8")
    heads = [line[2:].split(":")[0].split(", ") for line in text.splitlines()
             if line.startswith("# ") and ":" in line]
    described = [c for names in heads if all(" " not in n for n in names) for c in names]
    assert len(described) == len(set(described)), \
        sorted({c for c in described if described.count(c) > 1})
    used = {row["class"] for row in read_tsv(DATA / "word_classes_curated.tsv")}
    assert used <= set(described), sorted(used - set(described))
