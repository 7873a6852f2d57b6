"""The ending the accuracy benchmarks share: shares, the misses when asked, one JSON line."""
from __future__ import annotations

import json


def report(tally: dict, shares: dict[str, tuple[str, str]], misses: list[str], argv: list[str],
           flag: str = "--show-misses") -> dict:
    """`shares` maps a name to (counted key, total key) of `tally`; printed rounded to 3."""
    for name, (part, whole) in shares.items():
        tally[name] = round(tally[part] / tally[whole], 3) if tally[whole] else None
    if flag in argv:
        print("\n".join(misses))
    print(json.dumps(tally))
    return tally
