"""The command line as a user drives it: inputs of every kind, outputs, and bad input."""
import json

from conftest import load_jsonl, run_cli

ARTICLE = ("Germany imposed sanctions on Iran on Monday. Iranian Foreign Minister Abbas Araghchi "
           "condemned the decision. “This is economic warfare,” Araghchi told reporters.\n")
CONTRACT_EVENT = {"sentence", "sentence_index", "source", "target", "cameo", "root", "quad_class",
                  "goldstein", "plover", "context", "negated", "date", "date_granularity",
                  "location", "trigger", "start", "end", "confidence"}
CONTRACT_QUOTE = {"text", "kind", "speaker", "cue", "addressee", "sentence_index", "start", "end"}
CONTRACT_ACTOR = {"text", "name", "code", "country", "sector"}


def test_extract_jsonl_follows_the_output_contract(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    out = run_cli("extract", str(f), "--published", "2025-03-05", "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    [doc] = load_jsonl(out.stdout)
    assert doc["doc_id"] == "a" and doc["published"] == "2025-03-05"
    assert doc["events"] and doc["quotes"]
    for e in doc["events"]:
        assert CONTRACT_EVENT <= set(e)
        assert CONTRACT_ACTOR <= set(e["source"])
    sanction = next(e for e in doc["events"] if e["root"] == "16")
    assert (sanction["source"]["country"], sanction["target"]["country"]) == ("DEU", "IRN")
    assert sanction["date"] == "2025-03-03"
    for q in doc["quotes"]:
        assert CONTRACT_QUOTE <= set(q)
    quote = doc["quotes"][0]
    assert quote["speaker"]["name"] == "Abbas Araghchi" and quote["addressee"] == "reporters"


def test_table_json_stdin_and_out_file(tmp_path):
    out = run_cli("extract", "-", "--format", "table", "--published", "2025-03-05",
                  stdin=ARTICLE.encode())
    assert out.returncode == 0
    table = out.stdout.decode()
    assert "163" in table and "DEU" in table and "Araghchi" in table
    target = tmp_path / "out.json"
    out = run_cli("extract", "-", "--format", "json", "--out", str(target), stdin=ARTICLE.encode())
    assert out.returncode == 0 and out.stdout == b""
    assert json.loads(target.read_text())[0]["doc_id"] == "stdin"


def test_folders_html_jsonl_and_csv(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "page.html").write_text(
        "<html><head><title>T</title><script>alert('Russia invaded France')</script></head><body>"
        "<nav>Home | World</nav><article><p>" + ARTICLE + "</p><p>" + ARTICLE.replace("Monday", "Tuesday")
        + "</p></article></body></html>", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "j1", "text": ARTICLE,
                                                     "published": "2025-01-01"}) + "\n")
    (tmp_path / "table.csv").write_text('id,text,published\nc1,"' + ARTICLE.replace('"', '""')
                                        + '",2025-02-02\n', encoding="utf-8")
    out = run_cli("extract", str(tmp_path), "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    docs = {d["doc_id"]: d for d in load_jsonl(out.stdout)}
    assert set(docs) == {"one", "page", "j1", "c1"}
    assert docs["j1"]["published"] == "2025-01-01" and docs["c1"]["published"] == "2025-02-02"
    page = json.dumps(docs["page"])
    assert "alert" not in page and "invaded" not in page and docs["page"]["events"]


def test_bad_input_is_named_and_the_batch_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02 binary")
    (tmp_path / "latin1.txt").write_bytes("Fran\xe7ois Hollande met Angela Merkel in Berlin."
                                          .encode("latin-1"))
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "mixed.jsonl").write_text(json.dumps({"id": "ok1", "text": ARTICLE}) + "\n"
                                          + '{"id": "broken", "text": "no end\n'
                                          + json.dumps({"id": "ok2", "text": ARTICLE}) + "\n")
    out = run_cli("extract", str(tmp_path), "--format", "jsonl", "--published", "2015-06-01")
    err = out.stderr.decode()
    assert out.returncode == 0, err
    ids = {d["doc_id"] for d in load_jsonl(out.stdout)}
    assert ids == {"good", "latin1", "ok1", "ok2"}
    assert "empty" in err and "empty file" in err
    assert "binary.txt" in err and "PDF" in err
    assert "mixed.jsonl:2" in err and "malformed JSON" in err
    assert "latin1.txt" in err and "not UTF-8" in err
    assert "4 document(s) extracted, 0 skipped, 3 failed" in err
    strict = run_cli("extract", str(tmp_path), "--strict", "--out", str(tmp_path / "o.jsonl"))
    assert strict.returncode == 1
    latin = next(d for d in load_jsonl((tmp_path / "o.jsonl").read_text()) if d["doc_id"] == "latin1")
    assert latin["events"] and latin["events"][0]["source"]["name"] == "Francois Hollande"


def test_missing_path_and_bad_date_say_what_to_do(tmp_path):
    out = run_cli("extract", str(tmp_path / "nope.txt"))
    assert out.returncode == 0 and b"no such file" in out.stderr
    out = run_cli("extract", "-", "--published", "June 2021", stdin=b"text")
    assert out.returncode != 0 and b"YYYY-MM-DD" in out.stderr


def test_demo_prints_events_and_quotes():
    out = run_cli("demo")
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    assert "EVENT" in text and "QUOTE" in text and "163" in text


def test_explain_shows_pattern_and_decisions():
    out = run_cli("explain", "Russia expelled two Estonian diplomats on Friday.", "--published",
                  "2022-01-14")
    text = out.stdout.decode()
    assert out.returncode == 0, out.stderr
    assert "VERB CANDIDATES" in text and "KEPT" in text and "RUS" in text and "EST" in text


def test_actors_lookup_depends_on_the_date():
    before = run_cli("actors", "lookup", "Angela Merkel", "--date", "2017-04-01").stdout.decode()
    after = run_cli("actors", "lookup", "Angela Merkel", "--date", "2023-04-01").stdout.decode()
    assert "DEUGOV" in before.splitlines()[0] and "DEUELI" in after.splitlines()[0]


def test_quotes_command_filters_by_speaker(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE + "“We will not comment,” the German government spokesman said.\n",
                 encoding="utf-8")
    out = run_cli("quotes", str(f), "--published", "2025-03-05", "--speaker", "Araghchi")
    text = out.stdout.decode()
    assert out.returncode == 0 and "economic warfare" in text and "comment" not in text
    assert "to reporters" in text
    every = run_cli("quotes", str(f), "--format", "jsonl").stdout
    assert len(load_jsonl(every)) == 2
