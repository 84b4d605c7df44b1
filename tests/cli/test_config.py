"""Config discovery, per-path overrides, errors that name file and key; inline suppression."""

from __future__ import annotations

import json

import pytest

BLAME = "# Summary\n\nRoot cause: human error. Maria should have checked the canary.\n"


def rules_of(proc) -> list[str]:
    return [f["rule"] for file in json.loads(proc.stdout)["files"] for f in file["findings"]]


def test_pmreview_toml_is_found_by_walking_up(cli, tmp_path):
    (tmp_path / ".pmreview.toml").write_text('select = ["BL"]\nignore = ["BL002"]\n')
    sub = tmp_path / "postmortems" / "2024"
    sub.mkdir(parents=True)
    (sub / "a.md").write_text(BLAME)
    assert rules_of(cli("check", str(sub / "a.md"), "-f", "json")) == ["BL003"]


def test_pyproject_tool_table_and_severity_override(cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.pmreview]\nselect = ["BL003"]\nfail-on = "error"\n'
                                             '[tool.pmreview.severity]\nBL003 = "error"\n')
    (tmp_path / "a.md").write_text(BLAME)
    proc = cli("check", str(tmp_path / "a.md"), "-f", "json")
    data = json.loads(proc.stdout)["files"][0]["findings"]
    assert [f["severity"] for f in data] == ["error"] and proc.returncode == 1


def test_per_path_overrides(cli, tmp_path):
    (tmp_path / ".pmreview.toml").write_text('select = ["BL"]\n[[per-path]]\npaths = ["legacy/*.md"]\n'
                                             'ignore = ["BL002"]\n')
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "old.md").write_text(BLAME)
    (tmp_path / "new.md").write_text(BLAME)
    assert "BL002" not in rules_of(cli("check", str(tmp_path / "legacy" / "old.md"), "-f", "json"))
    assert "BL002" in rules_of(cli("check", str(tmp_path / "new.md"), "-f", "json"))


def test_team_words(cli, tmp_path):
    (tmp_path / ".pmreview.toml").write_text('select = ["BL"]\n[words]\nextra-blame-words = ["bozo"]\n'
                                             'accepted-names = ["Kestrel"]\n')
    (tmp_path / "a.md").write_text("The bozo config broke it. At 14:00 Kestrel pushed the bad config to prod.\n")
    rules = rules_of(cli("check", str(tmp_path / "a.md"), "-f", "json"))
    assert rules == ["BL005"]


@pytest.mark.parametrize(("name", "toml", "expected"), [
    (".pmreview.toml", 'selct = ["BL"]\n', "selct: unknown key"),
    (".pmreview.toml", 'select = ["BL999"]\n', "select: unknown rule 'BL999'"),
    (".pmreview.toml", '[severity]\nBL001 = "fatal"\n', "severity.BL001"),
    (".pmreview.toml", '[words]\naccepted = ["x"]\n', "words.accepted: unknown key"),
    (".pmreview.toml", 'select = [\n', "invalid TOML"),
    # issue 10: per-path gaps and numbers that cannot work
    (".pmreview.toml", '[[per-path]]\npaths = ["*.md"]\nselect = ["BL01"]\n', "per-path.0.select: unknown rule 'BL01'"),
    (".pmreview.toml", '[[per-path]]\npaths = ["*.md"]\nignore = ["XX001"]\n', "per-path.0.ignore: unknown rule 'XX001'"),
    (".pmreview.toml", '[[per-path]]\npaths = ["*.md"]\n[per-path.severity]\nBL0001 = "info"\n',
     "per-path.0.severity: unknown rule 'BL0001'"),
    (".pmreview.toml", 'max-file-bytes = 0\n', "max-file-bytes: Input should be greater than 0"),
    (".pmreview.toml", 'max-file-bytes = -1\n', "max-file-bytes: Input should be greater than 0"),
    (".pmreview.toml", '[llm]\ntimeout = -5\n', "llm.timeout: Input should be greater than 0"),
    ("pyproject.toml", '[tool.pmreview]\nfail_onn = "error"\n', "tool.pmreview.fail_onn: unknown key"),
    ("pyproject.toml", 'tool = "pmreview"\n', "tool: must be a table"),
    ("pyproject.toml", '[tool]\npmreview = 1\n', "tool.pmreview: must be a table"),
])
def test_config_errors_name_file_and_key(cli, tmp_path, name, toml, expected):
    (tmp_path / name).write_text(toml)
    (tmp_path / "a.md").write_text(BLAME)
    proc = cli("check", str(tmp_path / "a.md"))
    err = proc.stderr.decode().strip()
    assert proc.returncode == 2 and f"{name}: {expected}" in err and "\n" not in err and "Traceback" not in err


def test_accepted_name_after_an_opening_word(cli, tmp_path):
    # issue 11: accepted-names = ["Marlow"] did not stop "Then Marlow pushed ..." being flagged.
    (tmp_path / "a.md").write_text("# Root Cause\n\nThen Marlow pushed the bad config.\n")
    assert "BL001" in rules_of(cli("check", str(tmp_path / "a.md"), "-f", "json", "--select", "BL"))
    (tmp_path / ".pmreview.toml").write_text('[words]\naccepted-names = ["Marlow"]\n')
    assert rules_of(cli("check", str(tmp_path / "a.md"), "-f", "json", "--select", "BL")) == []


def test_inline_suppression(cli):
    text = (
        b"# Summary\n\n"
        b"<!-- pmreview-disable-next-line BL002 reason=\"quoted from the customer\" -->\n"
        b"Root cause: human error.\n\n"
        b"<!-- pmreview-disable counterfactual -->\n"
        b"Maria should have checked the canary.\n\n"
        b"<!-- pmreview-enable counterfactual -->\n"
        b"Dave should have checked the canary. Root cause: operator error.\n"
    )
    proc = cli("check", "-", "-f", "json", "--select", "BL", stdin=text)
    data = json.loads(proc.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["range"]["start"]["line"]) for f in data] == [("BL003", 10), ("BL002", 10)]


def test_unknown_rule_in_a_comment_is_reported(cli):
    proc = cli("check", "-", "-f", "json", stdin=b"<!-- pmreview-disable BL777 -->\nRoot cause: human error.\n")
    rules = rules_of(proc)
    assert "RV001" in rules and "BL002" not in rules


def test_file_level_disable(cli):
    proc = cli("check", "-", "-f", "json", "--select", "BL",
               stdin=b"<!-- pmreview-disable-file BL002 -->\n\nRoot cause: human error.\n")
    assert rules_of(proc) == []


def test_default_config_is_config_without_pydantic():
    """A run without a config file uses DefaultConfig (no pydantic): the same values as Config()."""
    import dataclasses
    import pickle

    from reviewer.config import DefaultConfig, default_config, with_overrides
    from reviewer.config_schema import Config

    plain, real = default_config(), Config()
    names = {f.name for f in dataclasses.fields(DefaultConfig)}
    assert names | {"llm"} == set(Config.model_fields)  # a new Config field must be added to DefaultConfig
    assert all(getattr(plain, name) == getattr(real, name) for name in names)
    assert plain.llm == real.llm and plain.model_dump() == real.model_dump()
    assert pickle.loads(pickle.dumps(plain)) == plain  # sent to pool workers
    overrides = {"select": ["BL"], "ignore": ["BL001"], "options": {"accepted-names": ["Kestrel"]}}
    assert with_overrides(plain, overrides) == with_overrides(real, overrides)
