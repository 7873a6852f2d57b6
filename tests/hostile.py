"""A corpus of hostile input files: every kind of thing real scrapes contain. Each file holds
exactly one document, so a store built from the folder must count one row per file.

    python tests/hostile.py OUT_DIR
"""
from __future__ import annotations

import json
import random
import sys
import zlib
from pathlib import Path

ENGLISH = ("Russia accused Ukraine of shelling a border village on Tuesday, and Kyiv denied it. "
           "“We will respond,” the Russian defence ministry said.")
FOREIGN = {
    "es": "Rusia acusó a Ucrania de bombardear una aldea fronteriza el martes y Kiev lo negó.",
    "fr": "La Russie a accusé l'Ukraine d'avoir bombardé un village frontalier mardi, ce que Kiev a démenti.",
    "de": "Russland warf der Ukraine vor, am Dienstag ein Grenzdorf beschossen zu haben, was Kiew bestritt.",
    "ru": "Россия обвинила Украину в обстреле приграничного села во вторник, Киев это отрицает.",
    "zh": "俄罗斯周二指责乌克兰炮击边境村庄，基辅予以否认。俄罗斯国防部表示将作出回应。",
    "ar": "اتهمت روسيا أوكرانيا بقصف قرية حدودية يوم الثلاثاء ونفت كييف ذلك وقالت وزارة الدفاع",
    "he": "רוסיה האשימה את אוקראינה בהפגזת כפר גבול ביום שלישי, וקייב הכחישה זאת בתוקף.",
}


def build(out: Path, seed: int = 5) -> int:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    n = 0

    def put(name: str, data: bytes | str) -> None:
        nonlocal n
        n += 1
        path = out / f"{n:03d}_{name}"
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    for i in range(5):
        put("empty.txt", b"")
        put("blank.txt", " \n\t " * (i + 1))
    for i in range(10):
        put("random.bin.txt", bytes(rng.randrange(256) for _ in range(2000)))
        put("report.pdf.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(rng.randrange(256) for _ in range(500)))
    for i in range(5):
        put("archive.txt", b"PK\x03\x04" + zlib.compress(f"doc {i}".encode()))
        put("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(300)))
    for i in range(10):
        put("emoji.txt", "".join(rng.choice("😀🔥🇺🇸🇷🇺💥🙏") for _ in range(50 + i)))
    for i, (lang, text) in enumerate(list(FOREIGN.items()) * 3):
        put(f"{lang}.txt", f"{text} ({i})")
    for i in range(10):
        put("control.txt", ENGLISH.replace(" ", "\x01 \x07", 3) + f"\x0b\x0c\x1b[{i}m")
        put("latin1.txt", f"François Hollande critiqua Angela Merkel à Berlin, said report {i}.".encode("latin-1"))
    for i in range(5):
        put("utf16.txt", f"Germany condemned Iran on Monday, report {i}.".encode("utf-16"))
        put("nul.txt", f"Israel attacked Gaza\x00 on Friday {i}.".encode())
    for i in range(10):
        put("scripts.html", f"<html><head><script>document.write('Russia invaded France {i}')</script>"
            f"<style>p{{color:red}}</style></head><body><nav>Home</nav><article><p>{ENGLISH} "
            f"Item {i}.</p><p>{ENGLISH.replace('Tuesday', 'Monday')}</p></article>"
            f"<script>alert(1)</script></body></html>")
    for i in range(5):
        put("nobody.html", f"<html><head><title>t{i}</title><script>var x={i};</script></head><body></body></html>")
        put("broken.html", f"<html><body><p>Japan praised India {i}<div><<<>>></p></span>")
    for i in range(10):
        put("malformed.jsonl", '{"id": "m%d", "text": "unterminated\n' % i)
    for i in range(5):
        put("wrongtype.jsonl", json.dumps({"id": f"w{i}", "text": 12345}) + "\n")
        put("array.jsonl", json.dumps([ENGLISH, i]) + "\n")
        put("html.jsonl", json.dumps({"id": f"h{i}", "html": f"<p>{ENGLISH} {i}</p>",
                                      "published": "2022-02-01"}) + "\n")
        put("notext.csv", f"id,body\nc{i},{ENGLISH}\n")
    for i in range(5):
        put("longword.txt", "x" * (5000 + i))
        put("digits.txt", "1234567890 " * (100 + i))
        put("punct.txt", "!?.,;:-" * (200 + i))
        put("zerowidth.txt", ENGLISH.replace(" ", "\u200b ") + f" {i}")
        put("combining.txt", "".join(c + "\u0301\u0308" for c in ENGLISH) + f" {i}")
        put("surrogates.txt", ENGLISH.encode("utf-8") + b"\xed\xa0\x80\xed\xb0\x80" + str(i).encode())
        put("markup.txt", f"{{\"key\": [1,2,3]}} <div class='x'>{ENGLISH}</div> def f(): return {i}")
    for i in range(10):
        put("quotes.txt", f"“He said „no“ and then «maybe” and '{ENGLISH}' plus \" {i} “”“")
    for i in range(10):
        put("rtl_mixed.txt", f"{ENGLISH} {FOREIGN['ar'][:30]} {FOREIGN['he'][:30]} \u202e{i}\u202c")
    put("huge.txt", "word " * 220_000)  # over the 1,000,000-character limit
    put("no_full_stop.txt", ("Russia attacked Ukraine and " * 4000) + "then it ended")
    put("many_events.txt", " ".join(f"Country{i} attacked Country{i+1} and Iran attacked Iraq and "
                                    f"Israel attacked Syria and China attacked India" for i in range(30)))
    return n


if __name__ == "__main__":
    print(build(Path(sys.argv[1])), "files")
