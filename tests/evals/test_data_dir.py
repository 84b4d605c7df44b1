"""`pmreview eval --data DIR`: any labelled directory, per family and pooled, with the partition."""

from __future__ import annotations

import json
import sys

import pytest
from typer.testing import CliRunner

from reviewer.cli.app import app
from reviewer.evals import data
from reviewer.evals.partition import held_back, organisation, part_of
from tests.evals.datadir import ACTION_ITEMS, DOC, GITHUB, SENTENCES, WEB, write_data_dir

runner = CliRunner()


def _eval(*args: str):
    return runner.invoke(app, ["eval", *args, "--resamples", "50"])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_data_dir(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def full_run(corpus, tmp_path_factory):
    report = tmp_path_factory.mktemp("report")
    result = _eval("--data", str(corpus), "--report", str(report))
    return result, report, json.loads((report / "results.json").read_text())


def test_partition_is_the_written_down_rule():
    assert organisation("github:Acme-Ops/postmortems/pm-1.md (Root cause)") == "acme-ops"
    assert organisation("https://github.com/Acme-Ops/postmortems/blob/main/x.md") == "acme-ops"
    assert organisation("https://www.example.co.uk/incidents/1 (Summary)") == "example.co.uk"
    assert organisation("http://status.example.com/x") == "example.com"
    for org, part in {**GITHUB, **WEB}.items():
        source = f"github:{org}/x" if "." not in org else f"https://{org}/x"
        assert part_of(source) == part, org
    # the organisations of evals/README.md's held-back documents (SALT "80" never changes)
    for org in ("kubernetes", "cog-uk", "notional-labs", "habbes", "felvin-search", "cocoapods", "cloudposse",
                "turboflakes"):
        assert held_back(f"github:{org}/x")
    for org in ("jupyterhub", "oslokommune", "status-im", "homebrew", "runelite", "rust-lang", "etcd-io",
                "ethereum-optimism", "ethereum", "tzbtc-bridge", "terra-rebels", "cds-snc"):
        assert not held_back(f"github:{org}/x")
    assert part_of(None) == "dev"


def test_loads_flat_sets_and_documents_in_subfolders(corpus):
    ds = data.load_data(corpus)
    assert len(ds.sentences) == len(SENTENCES) and len(ds.action_items) == len(ACTION_ITEMS)
    (pm,) = ds.postmortems  # docs/README.md has no labels: not a document
    assert pm.text == DOC and pm.family == "github" and pm.source.startswith("https://github.com/acme-ops/")
    assert [q.ambiguous for q in pm.blame] == [False, True]
    held = data.load_data(corpus, "held")
    assert {organisation(s.source) for s in held.sentences} <= {o for o, p in {**GITHUB, **WEB}.items() if p == "held"}
    assert held.postmortems == []  # acme-ops is a development organisation
    dev = data.load_data(corpus, "dev")
    assert len(dev.sentences) + len(held.sentences) == len(SENTENCES)


def test_reports_per_family_and_pooled(full_run):
    result, report, results = full_run
    assert result.exit_code == 0, result.output
    blame = results["suites"]["blame"]
    assert set(blame["families"]) == {"github", "web"}
    scored = [s for s in SENTENCES if not s[4]]
    assert blame["sentences"]["units"] == len(scored)
    assert sum(blame["families"][f]["units"] for f in ("github", "web")) == blame["all"]["units"]
    assert set(blame["organisations"]["github"]) == set(GITHUB)
    actions = results["suites"]["action-items"]
    assert set(actions["families"]) == {"github", "web"}
    assert actions["flat"]["n"] == len([a for a in ACTION_ITEMS if not a[3]])
    assert results["manifest"]["data"] == report.parent.name or results["manifest"]["data"]
    assert results["manifest"]["split"] == "all"
    for needle in ("Per source family", "Per organisation", "pooled", "Ambiguous labels, not scored"):
        assert needle in result.output
    summary = (report / "summary.md").read_text()
    html = (report / "report.html").read_text()
    assert "## Per source family" in summary and "Per source family" in html


def test_ambiguous_rows_are_reported_apart_and_change_no_score(full_run, tmp_path):
    _, _, results = full_run
    amb = results["suites"]["blame"]["ambiguous"]
    assert amb["n"] >= 3  # two flat sentences and the document's ambiguous quote
    assert results["suites"]["action-items"]["ambiguous"]["n"] == 2
    # the same corpus without its ambiguous rows scores the same
    plain = tmp_path / "plain"
    write_data_dir(plain, with_doc=False)
    for name in ("sentences.jsonl", "action_items-extra.jsonl"):
        rows = [json.loads(line) for line in (plain / name).read_text().splitlines()]
        (plain / name).write_text("".join(json.dumps(r) + "\n" for r in rows if not r["ambiguous"]))
    rerun = _eval("--data", str(plain), "--report", str(tmp_path / "r"), "--suite", "blame,action-items")
    assert rerun.exit_code == 0, rerun.output
    again = json.loads((tmp_path / "r" / "results.json").read_text())["suites"]
    assert again["blame"]["sentences"]["tp"] == results["suites"]["blame"]["sentences"]["tp"]
    assert again["blame"]["sentences"]["fp"] == results["suites"]["blame"]["sentences"]["fp"]
    assert again["action-items"]["flat"]["reminder_like"] == results["suites"]["action-items"]["flat"]["reminder_like"]


def test_held_part_has_only_held_organisations(corpus, tmp_path):
    result = _eval("--data", str(corpus), "--part", "held", "--report", str(tmp_path))
    assert result.exit_code == 0, result.output
    results = json.loads((tmp_path / "results.json").read_text())
    held = [s for s in SENTENCES if not s[4] and {**GITHUB, **WEB}[s[3]] == "held"]
    assert results["suites"]["blame"]["sentences"]["units"] == len(held)
    assert results["manifest"]["split"] == "held"


def test_baseline_gate_on_data_with_family_metrics_and_no_text(corpus, tmp_path):
    baseline = tmp_path / "base.json"
    first = _eval("--data", str(corpus), "--part", "dev", "--report", str(tmp_path / "a"),
                  "--write-baseline", str(baseline))
    assert first.exit_code == 0, first.output
    saved = json.loads(baseline.read_text())
    assert "blame.families.github.recall" in saved["metrics"]
    assert "action-items.families.github.reminder_like.recall" in saved["metrics"]
    text = baseline.read_text()
    assert not any(s[0] in text for s in SENTENCES) and not any(a[0] in text for a in ACTION_ITEMS)
    second = _eval("--data", str(corpus), "--part", "dev", "--report", str(tmp_path / "b"), "--baseline", str(baseline))
    assert second.exit_code == 0 and "gate PASS" in second.output
    saved["metrics"]["blame.families.github.recall"] = 1.5  # unreachable: the family gate must fail
    baseline.write_text(json.dumps(saved))
    worse = _eval("--data", str(corpus), "--part", "dev", "--report", str(tmp_path / "c"), "--baseline", str(baseline))
    assert worse.exit_code == 1 and "blame.families.github.recall" in worse.output
    other = _eval("--data", str(corpus), "--part", "held", "--report", str(tmp_path / "d"), "--baseline", str(baseline))
    assert other.exit_code == 2  # a baseline for another part


def test_omit_text_keeps_every_labelled_sentence_out_of_the_reports(corpus, tmp_path):
    result = _eval("--data", str(corpus), "--omit-text", "--report", str(tmp_path))
    assert result.exit_code == 0, result.output
    written = "".join((tmp_path / name).read_text() for name in ("results.json", "summary.md", "report.html"))
    quotes = [s[0] for s in SENTENCES] + [a[0] for a in ACTION_ITEMS] + ["Marco pushed the config without review",
                                                                         "the error-rate alert paged"]
    assert not [q for q in quotes if q in written]
    assert json.loads((tmp_path / "results.json").read_text())["manifest"]["texts_omitted"] is True
    assert "Run with --omit-text" in (tmp_path / "report.html").read_text()


@pytest.mark.parametrize("args", [
    ["--split", "dev"],  # --split is for our fixtures
    ["--part", "later"],
])
def test_bad_options_with_data_exit_2(corpus, tmp_path, args):
    result = _eval("--data", str(corpus), "--report", str(tmp_path), *args)
    assert result.exit_code == 2


def test_part_without_data_exits_2(tmp_path):
    assert _eval("--part", "held", "--report", str(tmp_path)).exit_code == 2


@pytest.mark.parametrize("name, content, message", [
    ("sentences.jsonl", '{"id": "s-1", "text": "x"\n', "invalid JSON"),
    ("sentences.jsonl", '{"id": "s-1", "text": "x", "label": "maybe"}\n', "label 'maybe'"),
    ("action_items.jsonl", '{"id": "a-1", "text": "x", "label": "wish"}\n', "unknown label 'wish'"),
    ("sentences.jsonl", '["not", "an", "object"]\n', "JSON object"),
    ("notes.txt", "nothing labelled here\n", "no labelled data"),
])
def test_bad_data_is_one_line_and_exit_2(tmp_path, name, content, message):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / name).write_text(content)
    result = runner.invoke(app, ["eval", "--data", str(corpus), "--report", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_missing_data_directory_exits_2(tmp_path):
    result = _eval("--data", str(tmp_path / "nope"), "--report", str(tmp_path / "r"))
    assert result.exit_code == 2 and "not a directory" in result.output


def test_without_matplotlib_the_report_is_written_without_charts(corpus, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "reviewer.evals.report.charts", None)
    result = _eval("--data", str(corpus), "--suite", "blame", "--report", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "pip install 'pmreview[eval]'" in " ".join(result.output.split())
    html = (tmp_path / "report.html").read_text()
    assert "data:image/png" not in html and "pmreview[eval]" in html
    assert json.loads((tmp_path / "results.json").read_text())["suites"]["blame"]["all"]["ci95"]["f1"]


def test_the_fixtures_layout_is_also_a_data_directory(tmp_path):
    """`sentences/*.jsonl` and `action_items/*.jsonl` (our fixtures' layout) are flat sets too."""
    for folder, row in (("sentences", {"id": "s-1", "text": "Bob pushed the bad config.", "label": "blame",
                                       "category": "person-as-cause"}),
                        ("action_items", {"id": "a-1", "text": "Add a canary with automatic rollback",
                                          "label": "guardrail"})):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "dev.jsonl").write_text(json.dumps(row) + "\n")
    ds = data.load_data(tmp_path)
    assert [s.id for s in ds.sentences] == ["s-1"] and [a.id for a in ds.action_items] == ["a-1"]


def test_sentences_only_corpus_writes_every_report(tmp_path):
    # A team's corpus may hold blame sentences and no action items: the HTML report skips the
    # action-item charts instead of failing on an empty confusion matrix.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sentences.jsonl").write_text(json.dumps(
        {"id": "s1", "text": "We forgot to renew the certificate.", "label": "blame",
         "category": "accident-framing", "source": "github:acme/ops/pm.md"}) + "\n")
    result = _eval("--data", str(corpus), "--report", str(tmp_path / "r"))
    assert result.exit_code == 0, result.output
    assert "Blame detection" in (tmp_path / "r" / "report.html").read_text()
