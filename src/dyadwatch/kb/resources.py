"""Where the knowledge's data files are, and how they are read: tab-separated, with '#' header
lines naming their source. A `DataFiles` points at one folder (the package's own `data/` by
default), so a pipeline can be given other knowledge without touching the package."""
from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

PACKAGE_DATA = Path(str(resources.files("dyadwatch") / "data"))


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated data file whose header lines start with '#'."""
    with open(path, encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#") and line.strip()]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_words(path: Path) -> list[str]:
    """The lines of a one-word-a-line data file, without its '#' header and blank lines."""
    with open(path, encoding="utf-8") as fh:
        return [w.strip() for w in fh if w.strip() and not w.startswith("#")]


class DataFiles:
    """The data files of one knowledge set: `files.rows("cameo_codebook.tsv")`."""

    def __init__(self, root: str | Path | None = None) -> None:
        self.root = Path(root) if root is not None else PACKAGE_DATA

    def path(self, name: str) -> Path:
        path = self.root / name
        if not path.exists():
            raise FileNotFoundError(f"data file {name} is not in {self.root}: copy it from the "
                                    f"package's data folder ({PACKAGE_DATA})")
        return path

    def rows(self, name: str) -> list[dict[str, str]]:
        return read_tsv(self.path(name))

    def words(self, name: str) -> list[str]:
        return read_words(self.path(name))

    def __repr__(self) -> str:
        return f"DataFiles({str(self.root)!r})"
