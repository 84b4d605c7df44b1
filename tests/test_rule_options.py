"""Rule options (issue 11): declared on rules, validated from the declarations, shown on the
rule pages, read through one accessor, and resolved the same way by check, serve and report."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer import config as config_mod
from reviewer.config import Config
from reviewer.engine import SegmentCache, review_document
from reviewer.findings import Severity
from reviewer.parser import parse_markdown
from reviewer.rules.base import (
    ACCEPTED_NAMES,
    EXTRA_BLAME_WORDS,
    Example,
    Hit,
    Rule,
    RuleContext,
    UndeclaredOption,
)
from reviewer.rules.docs import rule_markdown
from reviewer.rules.registry import all_rules, declared_options, lookup
from reviewer.rules.structure.sections import DEFAULT_REQUIRED, REQUIRED_SECTIONS
from tests.serve.conftest import running

ROOT = Path(__file__).resolve().parents[1]
SUMMARY_ONLY = "# Summary\n\nThe checkout service returned errors after a pool-size change.\n"
_MISSING = re.compile(r"^Missing section: ([a-z-]+)")


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reviewer", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=120)


def rules_of(proc: subprocess.CompletedProcess) -> list[str]:
    return [f["rule"] for file in json.loads(proc.stdout)["files"] for f in file["findings"]]


# --- the loader validates [options] from the declarations -------------------------------------

@pytest.mark.parametrize(("toml", "expected"), [
    ('[options]\nrequired-sectons = ["summary"]\n', "options.required-sectons: unknown option (rules declare: "
                                                    "accepted-names, extra-blame-words, required-sections)"),
    ('[options]\nrequired-sections = "summary"\n', "options.required-sections: Input should be a valid list"),
    ('[options]\nrequired-sections = ["postmortem"]\n', "options.required-sections.0: Input should be 'summary'"),
    ('[options]\naccepted-names = [1]\n', "options.accepted-names.0: Input should be a valid string"),
    ('options = 3\n', "options: Input should be a valid dictionary"),
    ('[[per-path]]\npaths = ["*.md"]\n[per-path.options]\nbogus = 1\n', "per-path.0.options.bogus: unknown option"),
    # the older spellings are validated by the same declarations, and named as written
    ('required-sections = ["postmortem"]\n', "required-sections.0: Input should be 'summary'"),
    ('[words]\nextra-blame-words = "bozo"\n', "words.extra-blame-words: Input should be a valid list"),
    ('required-sections = ["summary"]\n[options]\nrequired-sections = ["impact"]\n',
     "required-sections: also set as options.required-sections; keep only [options]"),
])
def test_bad_options_are_one_line_errors_naming_file_and_key(tmp_path, toml, expected):
    (tmp_path / ".pmreview.toml").write_text(toml)
    (tmp_path / "a.md").write_text(SUMMARY_ONLY)
    proc = cli("check", str(tmp_path / "a.md"))
    err = proc.stderr.strip()
    assert proc.returncode == 2 and f".pmreview.toml: {expected}" in err, err
    assert "\n" not in err and "Traceback" not in err


def test_pyproject_options_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.pmreview.options]\nbogus = 1\n')
    (tmp_path / "a.md").write_text(SUMMARY_ONLY)
    proc = cli("check", str(tmp_path / "a.md"))
    assert proc.returncode == 2 and "pyproject.toml: tool.pmreview.options.bogus: unknown option" in proc.stderr


def test_option_values_reach_the_rules(tmp_path):
    (tmp_path / ".pmreview.toml").write_text(
        'select = ["BL", "ST001"]\n[options]\nrequired-sections = ["summary", "impact"]\n'
        'accepted-names = ["Kestrel"]\nextra-blame-words = ["bozo"]\n')
    (tmp_path / "a.md").write_text("# Summary\n\nThe bozo config broke it. At 14:00 Kestrel pushed the bad config.\n")
    proc = cli("check", str(tmp_path / "a.md"), "-f", "json")
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["excerpt"]) for f in findings if f["rule"] != "ST001"] == [("BL005", "bozo")]
    assert [f["message"].split(" (")[0] for f in findings if f["rule"] == "ST001"] == ["Missing section: impact"]


def test_older_spellings_mean_the_same_options():
    old = Config.model_validate({"required-sections": ["summary"], "words": {"accepted-names": ["Kestrel"],
                                                                            "extra-blame-words": ["bozo"]}})
    new = Config.model_validate({"options": {"required-sections": ["summary"], "accepted-names": ["Kestrel"],
                                             "extra-blame-words": ["bozo"]}})
    assert old == new
    assert new.option(REQUIRED_SECTIONS) == ("summary",)
    assert new.option(ACCEPTED_NAMES) == frozenset({"kestrel"})
    assert Config().option(REQUIRED_SECTIONS) == DEFAULT_REQUIRED  # the declared default
    assert Config.model_validate({"required-sections": []}).option(REQUIRED_SECTIONS) == ()  # none required


@pytest.mark.parametrize("override", ['[per-path.options]\nrequired-sections = ["summary"]\n',
                                      'required-sections = ["summary"]\n'])  # the older per-path spelling
def test_per_path_options(tmp_path, override):
    (tmp_path / ".pmreview.toml").write_text(
        f'select = ["ST001"]\n[options]\nrequired-sections = ["summary", "impact"]\n'
        f'[[per-path]]\npaths = ["legacy/*.md"]\n{override}')
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "old.md").write_text(SUMMARY_ONLY)
    (tmp_path / "new.md").write_text(SUMMARY_ONLY)
    assert rules_of(cli("check", str(tmp_path / "legacy" / "old.md"), "-f", "json")) == []
    assert rules_of(cli("check", str(tmp_path / "new.md"), "-f", "json")) == ["ST001"]


def test_overrides_replace_options_per_key():
    base = Config.model_validate({"options": {"required-sections": ["summary"], "accepted-names": ["Kestrel"]}})
    merged = config_mod.with_overrides(base, {"options": {"required-sections": ["impact"]}})
    assert merged.options == {"required-sections": ["impact"], "accepted-names": ["Kestrel"]}
    with pytest.raises(config_mod.ConfigError, match=r"^command line: options.nope: unknown option"):
        config_mod.with_overrides(base, {"options": {"nope": 1}}, "command line: ")


# --- a rule reads only what it declares ------------------------------------------------------

def _rule(**fields) -> Rule:
    return Rule(id="XX900", name="probe", summary="", rationale="", guardrail="", severity=Severity.INFO,
                flagged=(Example("x"),), passing=(), **fields)


def test_reading_an_undeclared_option_raises():
    document = parse_markdown("# Summary\n\nKestrel restarted.\n", "x.md")
    ctx = RuleContext(document=document, options={"accepted-names": ["Kestrel"]})

    def detect(segment, sctx):
        return [Hit(segment.span, str(sorted(sctx.accepted_names)))]

    declared = _rule(detect=detect, options=(ACCEPTED_NAMES,))
    assert [h.message for h in declared.run(document, ctx)] == ["['kestrel']"]
    with pytest.raises(UndeclaredOption, match="XX900 reads option 'accepted-names'"):
        list(_rule(detect=detect).run(document, ctx))
    with pytest.raises(UndeclaredOption, match="declare it in Rule.options"):
        list(_rule(check=lambda doc, c: [Hit(doc.segments[0].span, str(c.option(EXTRA_BLAME_WORDS)))]).run(
            document, ctx))


def test_option_values_are_part_of_the_segment_cache_key():
    cache = SegmentCache()
    document = parse_markdown("# Root cause\n\nThen Marlow pushed the bad config.\n", "x.md")
    plain = review_document(document, Config(select=["BL001"]), cache)
    accepted = review_document(document, Config(select=["BL001"], options={"accepted-names": ["Marlow"]}), cache)
    assert [f.rule for f in plain.findings] == ["BL001"] and accepted.findings == ()


def test_declared_options_are_the_ones_rules_carry():
    assert list(declared_options()) == ["accepted-names", "extra-blame-words", "required-sections"]
    assert {o.key for r in all_rules() for o in r.options} == set(declared_options())


# --- the rule pages and `pmreview rule` show each option with type, default and help -----------

def test_rule_pages_show_options():
    for rule in all_rules():
        page = (ROOT / "docs" / "rules" / f"{rule.id}.md").read_text(encoding="utf-8")
        assert page == rule_markdown(rule)
        assert ("## Options" in page) == bool(rule.options)
        for option in rule.options:
            assert f"- `{option.key}` ({option.type_name}; default: `{json.dumps(option.default)}`): {option.help}" \
                in page
    st001 = (ROOT / "docs" / "rules" / "ST001.md").read_text(encoding="utf-8")
    assert "`required-sections` (list of `summary`, `impact`," in st001 and '"action-items", "lessons"]`' in st001
    index = (ROOT / "docs" / "rules" / "README.md").read_text(encoding="utf-8")
    assert "| `accepted-names` | list of strings | `[]` | BL001, BL003" in index


def test_cli_rule_and_rules_show_options():
    page = cli("rule", "missing-section")
    assert page.returncode == 0 and page.stdout == rule_markdown(lookup("ST001"))
    rows = {r["id"]: r for r in json.loads(cli("rules", "--format", "json").stdout)}
    assert rows["ST001"]["options"] == [{"key": "required-sections", "type": REQUIRED_SECTIONS.type_name,
                                         "default": list(DEFAULT_REQUIRED), "help": REQUIRED_SECTIONS.help}]
    assert [o["key"] for o in rows["BL005"]["options"]] == ["accepted-names", "extra-blame-words"]
    assert rows["BL002"]["options"] == []


# --- check, serve and report agree on the effective required sections --------------------------

@pytest.mark.parametrize(("toml", "required"), [
    (None, list(DEFAULT_REQUIRED)),
    ('[options]\nrequired-sections = ["summary", "impact", "timeline"]\n', ["summary", "impact", "timeline"]),
    ('required-sections = ["timeline", "summary"]\n', ["timeline", "summary"]),  # the older spelling
])
def test_check_serve_and_report_agree_on_required_sections(tmp_path, toml, required):
    if toml is not None:
        (tmp_path / ".pmreview.toml").write_text(toml)
    docs = tmp_path / "pms"
    docs.mkdir()
    (docs / "a.md").write_text(SUMMARY_ONLY)
    # the default list bends to a short note's genre (no lessons section asked); a list set is held as written
    unasked = {"lessons"} & set(required) if toml is None else set()
    expected_missing = [s for s in required if s != "summary" and s not in unasked]

    check = cli("check", str(docs / "a.md"), "-f", "json", "--select", "ST001", cwd=tmp_path)
    from_check = [m.group(1) for f in json.loads(check.stdout)["files"][0]["findings"]
                  if (m := _MISSING.match(f["message"]))]
    assert from_check == expected_missing

    loaded = config_mod.load_config(None, str(docs / "a.md"))
    with running(loaded.config) as server:
        body = server.client.post("/v1/review", json={"text": SUMMARY_ONLY, "annotations": True}).json()
    assert [c["section"] for c in body["checklist"]] == required
    assert [c["section"] for c in body["checklist"] if not c["present"] and c["asked"]] == expected_missing
    assert {c["section"] for c in body["checklist"] if not c["asked"]} == unasked  # not there, and not asked
    assert not any(c["present"] for c in body["checklist"] if not c["asked"])
    served = [m.group(1) for f in body["report"]["files"][0]["findings"] if (m := _MISSING.match(f["message"]))]
    assert served == expected_missing

    out = tmp_path / "audit"
    report = cli("report", str(docs), "--out", str(out), cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    structure = json.loads((out / "report.json").read_text())["summary"]["structure"]
    assert structure["missing_by_section"] == {s: int(s in expected_missing) for s in required}


def test_api_options_in_the_body():
    with running(Config(select=["ST001", "BL"], options={"accepted-names": ["Kestrel"]})) as server:
        def post(config):
            return server.client.post("/v1/review", json={
                "text": "# Summary\n\nThen Kestrel pushed the bad config.\n\nThen Marlow pushed the bad config.\n",
                "annotations": True,
                "config": config})

        body = post({"options": {"required-sections": ["summary"]}}).json()
        findings = body["report"]["files"][0]["findings"]
        assert all("Marlow" in f["message"] for f in findings)
        assert [(f["rule"], f["excerpt"].split()[0]) for f in findings] == [("BL001", "Then")]  # no ST001
        assert [c["section"] for c in body["checklist"]] == ["summary"]
        # the older `words` spelling adds to the server's names
        assert [f["rule"] for f in post({"words": {"accepted-names": ["Marlow"]},
                                         "select": ["BL"]}).json()["report"]["files"][0]["findings"]] == []
        bad = post({"options": {"required-sections": ["appendix"]}})
        assert bad.status_code == 400 and "config.options.required-sections.0" in bad.json()["error"]["message"]
        unknown = post({"options": {"nope": True}})
        assert unknown.status_code == 400 and "config.options.nope: unknown option" in unknown.json()["error"]["message"]


def test_per_path_required_sections_in_check_with_a_pool_and_in_report(tmp_path):
    (tmp_path / ".pmreview.toml").write_text(
        '[options]\nrequired-sections = ["summary", "timeline"]\n'
        '[[per-path]]\npaths = ["pms/legacy/*.md"]\n[per-path.options]\nrequired-sections = ["summary", "lessons"]\n')
    docs = tmp_path / "pms"
    (docs / "legacy").mkdir(parents=True)
    (docs / "a.md").write_text(SUMMARY_ONLY)
    (docs / "legacy" / "b.md").write_text(SUMMARY_ONLY)
    check = cli("check", str(docs), "--jobs", "2", "--select", "ST001", "-f", "json", cwd=tmp_path)
    missing = {Path(f["path"]).name: [_MISSING.match(x["message"]).group(1) for x in f["findings"]]
               for f in json.loads(check.stdout)["files"]}
    assert missing == {"a.md": ["timeline"], "b.md": ["lessons"]}
    report = cli("report", str(docs), "--out", str(tmp_path / "audit"), cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    summary = json.loads((tmp_path / "audit" / "report.json").read_text())["summary"]
    # each document is held to its own sections; the columns are their union
    assert summary["structure"]["missing_by_section"] == {"summary": 0, "timeline": 1, "lessons": 1}
