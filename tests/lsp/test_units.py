"""Pure parts of reviewer/lsp, without a server process."""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types

from reviewer.config import Config
from reviewer.errors import ConfigError
from reviewer.lsp import actions
from reviewer.lsp.positions import LineIndex, units
from reviewer.lsp.review import BufferVersion, is_markdown, review_buffer
from reviewer.lsp.rewrite import RewriteCache, RewriteRequest, cache_key
from reviewer.lsp.scheduler import Scheduler
from reviewer.lsp.settings import ClientSettings, ConfigResolver
from reviewer.review import review
from tests.lsp.conftest import apply_edits

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
TARGET = actions.EditTarget("file:///x.md", 1, document_changes=False)


# -- positions ---------------------------------------------------------------------------
@pytest.mark.parametrize("encoding,expected", [(UTF8, 4 + 6 + 1), (UTF16, 2 + 2 + 1), (UTF32, 1 + 2 + 1)])
def test_position_units_with_emoji_and_cjk(encoding, expected):
    text = "first\n🔥事故 x\n"
    index = LineIndex(text, encoding)
    offset = text.index("x")
    pos = index.position(offset)
    assert (pos.line, pos.character) == (1, expected)
    assert index.offset(pos) == offset  # round trip


def test_position_clamps_and_handles_crlf():
    text = "a\r\nbé c\r\n"
    index = LineIndex(text, UTF16)
    assert index.position(text.index("c")) == types.Position(line=1, character=3)
    assert index.offset(types.Position(line=1, character=99)) == text.index("\r\n", 3)  # end of line, before CR
    assert index.offset(types.Position(line=9, character=0)) == len(text)
    assert units("🔥", UTF16) == 2 and units("🔥", UTF8) == 4 and units("🔥", UTF32) == 1


# -- review --------------------------------------------------------------------------------
def test_review_snapshot_too_large_is_one_notice():
    result = review_buffer(BufferVersion("file:///big.md", 3, "x" * 200, "/big.md"), Config(max_file_bytes=100))
    assert [d.code for d in result.diagnostics] == ["too-large"]
    assert result.version == 3 and not result.findings


def test_review_snapshot_counts_bytes_not_characters():
    text = "é" * 60  # 60 characters, 120 bytes
    result = review_buffer(BufferVersion("file:///x.md", 1, text, None), Config(max_file_bytes=100))
    assert [d.code for d in result.diagnostics] == ["too-large"]


def test_review_snapshot_config_error_and_empty():
    err = review_buffer(BufferVersion("u", 1, "text", None), ConfigError("a.toml: x: unknown key"))
    assert err.diagnostics[0].severity == types.DiagnosticSeverity.Error and "a.toml" in err.diagnostics[0].message
    # An empty buffer is a document with nothing in it: the same findings as `pmreview check` gives it.
    empty = review_buffer(BufferVersion("u", 1, "  \n", None), Config())
    assert [f.rule for f in empty.findings] == [f.rule for f in review("  \n", path="u").findings]
    assert [d.code for d in empty.diagnostics] == [f.rule for f in empty.findings]  # no "not reviewed" notice
    assert [d.code for d in review_buffer(BufferVersion("u", 1, "a\x00b", None), Config()).diagnostics] == ["binary"]


def test_review_snapshot_matches_engine():
    text = "# T\n\n## Summary\n\nBob was careless.\n"
    result = review_buffer(BufferVersion("u", 1, text, "/t.md"), Config())
    assert [f.rule for f in result.findings] == [f.rule for f in review(text, path="/t.md").findings]


def test_a_list_finding_lists_its_items_as_related_information():
    text = "## Action items\n\n- Add a queue-depth alert (@ops)\n- Cap the export batch size\n- Write a drain runbook\n"
    result = review_buffer(BufferVersion("file:///pm.md", 1, text, "/pm.md"), Config())
    (owner,) = [d for d in result.diagnostics if d.code == "AC002"]
    assert owner.range.start.line == 2  # on the list's first open item
    assert [(r.location.uri, r.location.range.start.line) for r in owner.related_information] == [
        ("file:///pm.md", 3), ("file:///pm.md", 4)]


def test_is_markdown():
    assert is_markdown("markdown", None) and is_markdown(None, "/a/b.MD") and is_markdown("plaintext", "x.mdx")
    assert not is_markdown("python", "/a/b.py") and not is_markdown(None, None)


# -- actions --------------------------------------------------------------------------------
def _fix(text: str, rule: str, build, **kw) -> str:
    result = review_buffer(BufferVersion("file:///x.md", 1, text, "/x.md"), Config())
    finding = next(f for f in result.findings if f.rule == rule)
    action = build(finding, result.index, TARGET, None, **kw) if kw else build(finding, result.index, TARGET, None)
    assert action is not None, f"no action for {rule}"
    return apply_edits(text, action.edit.changes["file:///x.md"])


def _rules(text: str) -> set[str]:
    return {f.rule for f in review(text, path="/x.md").findings}


def test_disable_next_line_in_nested_list_keeps_indentation():
    text = "# T\n\n## Summary\n\n- Context\n  - Detail: Bob was careless.\n"
    fixed = _fix(text, "BL005", actions.disable_rule)
    assert fixed.endswith('- Context\n  <!-- pmreview-disable-next-line BL005 reason="TODO: why this is acceptable '
                          'here" -->\n  - Detail: Bob was careless.\n')
    assert "BL005" in _rules(text) and "BL005" not in _rules(fixed)


def test_disable_joins_an_existing_next_line_comment():
    text = ("# T\n\n## Summary\n\n<!-- pmreview-disable-next-line BL004 reason=\"quoted\" -->\n"
            "Bob should have noticed it, he was careless.\n")
    assert "BL004" not in _rules(text) and "BL005" in _rules(text)
    fixed = _fix(text, "BL005", actions.disable_rule)
    assert fixed.count("<!--") == 1 and "BL004 BL005" in fixed
    assert not {"BL004", "BL005"} & _rules(fixed)


def test_disable_in_table_wraps_the_table():
    text = ("# T\n\n## Action items\n\n| Action | Owner |\n|---|---|\n"
            "| Be more careful when editing the config | @ops |\n| Add a CI check | @li |\n\nAfter.\n")
    result = review_buffer(BufferVersion("file:///x.md", 1, text, "/x.md"), Config())
    finding = next(f for f in result.findings if f.rule == "AC001")
    assert result.in_table(finding)
    action = actions.disable_rule(finding, result.index, TARGET, None, in_table=True)
    fixed = apply_edits(text, action.edit.changes["file:///x.md"])
    assert "<!-- pmreview-disable AC001" in fixed and "<!-- pmreview-enable AC001 -->" in fixed
    assert "| Add a CI check | @li |\n<!-- pmreview-enable AC001 -->\n" in fixed
    assert "AC001" not in _rules(fixed)


def test_disable_document_rule_for_file_after_front_matter():
    text = "---\ntitle: x\n---\n# T\n\nBob was careless.\n"
    fixed = _fix(text, "ST001", actions.disable_rule)
    assert fixed.startswith("---\ntitle: x\n---\n<!-- pmreview-disable-file ST001")
    assert "ST001" not in _rules(fixed)


def test_apply_suggestion_and_guardrail():
    text = "# T\n\n## Summary\n\nThe engineer accidentally removed the index!!!\n"
    fixed = _fix(text, "BL006", actions.apply_suggestion)
    assert "accidentally" not in fixed and "BL006" not in _rules(fixed)
    items = "# T\n\n## Action items\n\n- Remind engineers to check the canary before promoting — @dana\n"
    fixed = _fix(items, "AC001", actions.suggest_guardrail)
    assert fixed.rstrip().endswith("— @dana") and "AC001" not in _rules(fixed)


def test_versioned_edit_when_client_supports_document_changes():
    edit = actions.workspace_edit(actions.EditTarget("file:///x.md", 7, True), [])
    assert edit.document_changes[0].text_document.version == 7 and edit.changes is None


# -- settings -------------------------------------------------------------------------------
def test_client_settings_parse():
    s = ClientSettings.parse({"pmReview": {"run": "onSave", "debounceMs": 10, "select": ["BL"], "bogus": 1}})
    assert s.run == "onSave" and s.debounce_ms == 10 and s.overrides == {"select": ["BL"]}
    assert s.problems == ("unknown setting(s): bogus",)
    bad = ClientSettings.parse({"run": "sometimes", "debounceMs": -1, "enable": "yes"})
    assert (bad.run, bad.debounce_ms, bad.enable) == ("onType", 50, True) and len(bad.problems) == 3
    assert ClientSettings.parse(None) == ClientSettings()


def test_config_resolver_rereads_changed_file_and_validates_overrides(tmp_path):
    (tmp_path / ".pmreview.toml").write_text('ignore = ["BL005"]\n')
    doc = str(tmp_path / "pm.md")
    resolver = ConfigResolver()
    assert resolver.config_for(doc, None, ClientSettings()).ignore == ["BL005"]
    (tmp_path / ".pmreview.toml").write_text('ignore = ["BL004", "BL005"]\n')
    assert resolver.config_for(doc, None, ClientSettings()).ignore == ["BL004", "BL005"]
    merged = resolver.config_for(doc, None, ClientSettings(overrides={"ignore": ["ST"]}))
    assert merged.ignore == ["BL004", "BL005", "ST"]
    with pytest.raises(ConfigError, match="pmReview.select"):
        resolver.config_for(doc, None, ClientSettings(overrides={"select": ["NOPE1"]}))


def test_editor_settings_override_rule_options(tmp_path):
    (tmp_path / ".pmreview.toml").write_text('[options]\nrequired-sections = ["summary", "impact"]\n'
                                             'accepted-names = ["Kestrel"]\n')
    settings = ClientSettings.parse({"pmReview": {"options": {"required-sections": ["timeline"]}}})
    assert settings.problems == ()
    config = ConfigResolver().config_for(str(tmp_path / "pm.md"), None, settings)
    assert config.options == {"required-sections": ["timeline"], "accepted-names": ["Kestrel"]}  # per key
    with pytest.raises(ConfigError, match=r"^editor settings pmReview.options.nope: unknown option"):
        ConfigResolver().config_for(str(tmp_path / "pm.md"), None, ClientSettings(overrides={"options": {"nope": 1}}))


# -- scheduler ------------------------------------------------------------------------------
def test_scheduler_debounces_and_keeps_one_review_in_flight():
    async def main():
        runs: list[int] = []
        state = {"version": 0}
        running = 0
        peak = 0

        async def review(uri):
            nonlocal running, peak
            running += 1
            peak = max(peak, running)
            seen = state["version"]
            await asyncio.sleep(0.05)
            runs.append(seen)
            running -= 1

        sched = Scheduler(review)
        for v in range(1, 11):  # a burst inside the debounce window
            state["version"] = v
            sched.schedule("u", 0.02)
            await asyncio.sleep(0.001)
        await asyncio.sleep(0.15)
        assert runs == [10]
        for v in range(11, 15):  # changes while a review runs: one more run, with the latest
            state["version"] = v
            sched.schedule("u", 0)
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.3)
        assert runs[-1] == 14 and len(runs) <= 3 and peak == 1
        sched.schedule("u", 1.0)
        sched.cancel_all()
        assert not sched.busy("u")

    asyncio.run(main())


# -- rewrite cache --------------------------------------------------------------------------
def test_rewrite_cache_single_flight_and_cancellation():
    async def main():
        cache = RewriteCache()
        calls = 0

        async def compute():
            nonlocal calls
            calls += 1
            await asyncio.sleep(0.05)
            return f"r{calls}"

        a, b = await asyncio.gather(cache.get("k", compute), cache.get("k", compute))
        assert (a, b, calls) == ("r1", "r1", 1)
        assert await cache.get("k", compute) == "r1" and calls == 1  # cached

        started = asyncio.Event()
        cancelled = asyncio.Event()

        async def slow():
            started.set()
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                cancelled.set()
                raise
            return "never"

        task = asyncio.ensure_future(cache.get("slow", slow))
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.wait_for(cancelled.wait(), 1)  # the model call itself was cancelled
        assert len(cache) == 1  # a cancelled call is not cached

    asyncio.run(main())


def test_rewrite_request_round_trip_and_key():
    req = RewriteRequest("file:///x.md", 3, "BL001", 4, 9, "abc")
    assert RewriteRequest.from_data(req.to_data()) == req
    assert RewriteRequest.from_data({"kind": "other"}) is None and RewriteRequest.from_data(None) is None
    assert cache_key("m", "BL001", "a  b\nc") == cache_key("m", "BL001", "a b c") != cache_key("m2", "BL001", "a b c")


# -- properties -----------------------------------------------------------------------------
def _random_texts(count: int = 300):
    import random

    rng = random.Random(1234)
    alphabet = list("ab \n\r\té事🔥\u0301\u2028")
    return [("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))) for _ in range(count)]


@pytest.mark.parametrize("encoding", [UTF8, UTF16, UTF32])
def test_offset_position_round_trip(encoding):
    for text in _random_texts():
        index = LineIndex(text, encoding)
        for offset in range(len(text) + 1):
            pos = index.position(offset)
            back = index.offset(pos)
            if text[offset - 1 : offset + 1] == "\r\n" and offset > 0:  # inside CRLF: no LSP position there
                assert back == offset - 1, (text, offset)
            else:
                assert back == offset, (text, offset)
            assert pos.character == units(text[index.starts[pos.line] : offset], encoding)
