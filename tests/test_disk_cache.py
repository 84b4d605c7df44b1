"""Derived data kept between runs (reviewer.disk_cache): regex programs build the very pattern
re.compile builds; a parsed word list is used only for the text it came from."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from reviewer import regex_cache
from reviewer.disk_cache import DiskCache
from reviewer.rules import lexicon

DRAFT = ("# Summary\n\nRoot cause: human error. Maria should have checked the canary.\n\n"
         "## Action items\n\n- Remind engineers to be more careful (owner: ops)\n")


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty cache in tmp_path, and the module's state as in a new process."""
    monkeypatch.setenv("PMREVIEW_CACHE_DIR", str(tmp_path))
    regex_cache.PROGRAMS.forget()
    lexicon._PARSED.forget()
    yield tmp_path
    regex_cache.PROGRAMS.forget()
    lexicon._PARSED.forget()


def _new_process():
    regex_cache.PROGRAMS.forget()


def test_cached_patterns_equal_re_compile_on_miss_and_on_hit(fresh):
    patterns = [(r"(?P<who>[A-Z]\w+) (?:should|must)(?-i: have)\b", re.I), (r"[À-ÖØ-öø-ÿ]+", 0),
                (r"(?<![\w-])root\s+cause(?![\w-])", re.I | re.M)]
    missed = [regex_cache.compile(p, f) for p, f in patterns]
    regex_cache.PROGRAMS.save()
    assert regex_cache.PROGRAMS.path().is_file()
    _new_process()
    hit = [regex_cache.compile(p, f) for p, f in patterns]
    assert regex_cache.PROGRAMS._new == {}  # every one came from the file
    for (pattern, flags), a, b in zip(patterns, missed, hit, strict=True):
        assert a == b == re.compile(pattern, flags)  # Pattern equality compares flags and compiled code
        assert b.groupindex == re.compile(pattern, flags).groupindex


def test_a_review_builds_the_same_patterns_from_the_cache(fresh):
    """In new processes (this one has compiled the rules' patterns already): the first review
    records programs, the second builds its patterns from them and finds the same."""
    code = ("import json, sys\nfrom reviewer.review import review\n"
            f"print(json.dumps([[f.rule, f.span.start] for f in review({DRAFT!r}, 'a.md').findings]))\n")
    env = {**os.environ, "PMREVIEW_CACHE_DIR": str(fresh)}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, timeout=120, check=True)
    recorded = regex_cache.PROGRAMS.entries()
    assert len(recorded) > 50, "the rules' lazy patterns and word-list terms go through the cache"
    for pattern, flags in recorded:
        assert regex_cache.compile(pattern, flags) == re.compile(pattern, flags)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, timeout=120, check=True)
    assert second.stdout == first.stdout and json.loads(first.stdout)


def test_a_damaged_or_unwritable_cache_is_no_cache(fresh, monkeypatch):
    regex_cache.PROGRAMS.path().parent.mkdir(parents=True)
    regex_cache.PROGRAMS.path().write_bytes(b"\x00garbage")
    assert regex_cache.compile(r"a+b", 0) == re.compile(r"a+b")
    regex_cache.PROGRAMS.put((r"x+", 0), (32, [1, 2, 3], 0, {}, (None,)))  # code _sre refuses
    assert regex_cache.compile(r"x+", 0).fullmatch("xx")
    with pytest.raises(re.error):
        regex_cache.compile(r"(unclosed", 0)
    blocker = fresh / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("PMREVIEW_CACHE_DIR", str(blocker))  # its "regex" folder cannot be made
    regex_cache.PROGRAMS.save()  # silently nothing
    assert not (blocker / "regex").exists()


def test_a_word_list_comes_from_the_cache_only_for_the_same_text(fresh, monkeypatch):
    raw = "entries:\n  - term: careless\n    note: judges character\ngroups:\n  - note: words\n    terms: [NO, yes]\n"
    first = lexicon._parsed("t", raw)
    assert first["groups"][0]["terms"] == ["NO", "yes"]  # words, not YAML booleans
    lexicon._PARSED.save()
    lexicon._PARSED.forget()
    with monkeypatch.context() as m:
        m.setitem(sys.modules, "yaml", None)  # a hit needs no yaml (importing it would fail)
        assert lexicon._parsed("t", raw) == first
    changed = lexicon._parsed("t", raw.replace("careless", "reckless"))
    assert changed["entries"][0]["term"] == "reckless"


def test_a_cache_past_its_size_keeps_only_what_the_last_run_used(fresh):
    cache = DiskCache("t", max_bytes=2_000)
    for n in range(40):  # e.g. patterns a rule spells differently in every process
        cache.put(("old", n), "x" * 100)
    cache.save()
    cache.forget()
    assert cache.get(("old", 1)) == "x" * 100
    cache.put(("new", 0), "y")
    cache.save()
    cache.forget()
    assert set(cache.entries()) == {("old", 1), ("new", 0)}


def test_every_compile_serves_re_from_the_cache_inside_the_block_only(fresh):
    """What the parser's imports compile (markdown-it-py, mdurl...) goes through the cache; the
    pattern is the one re builds; bytes patterns and code after the block are left alone."""
    from re import _compiler  # type: ignore[attr-defined]

    plain = _compiler.compile
    pattern = rf"(?P<who>[A-Z]\w+) paged (?:{os.getpid()}|\d+) times"  # unseen by re's own cache
    with regex_cache.every_compile():
        with regex_cache.every_compile():  # nested: the outer block still routes after it
            pass
        missed = re.compile(pattern, re.I)
        raw = re.compile(rb"\x00+bytes")
    assert _compiler.compile is plain
    assert (pattern, int(re.I)) in regex_cache.PROGRAMS._new
    assert missed == plain(pattern, re.I) and missed.groupindex == {"who": 1}
    assert raw == plain(rb"\x00+bytes", 0) and not any(isinstance(p, bytes) for p, _ in regex_cache.PROGRAMS._new)
    regex_cache.PROGRAMS.save()
    _new_process()
    re.purge()  # re's in-memory cache, as in a new process
    with regex_cache.every_compile():
        hit = re.compile(pattern, re.I)
    assert hit == missed and regex_cache.PROGRAMS._new == {}
    re.purge()
    re.compile(pattern + "!", re.I)  # after the block: compiled by re, not recorded
    assert regex_cache.PROGRAMS._new == {}


def _keys(cache_dir) -> dict[str, set]:
    import marshal

    return {path.parent.name: set(marshal.loads(path.read_bytes())) for path in cache_dir.glob("*/*.marshal")}


def test_pool_workers_keep_what_they_built_for_the_next_run(tmp_path):
    """Workers leave by os._exit: without saving, a run with --jobs 2 (the default on two cores)
    rebuilt in every worker, every time, the word lists and patterns the warm-up never needed."""
    drafts = []
    for n in range(12):
        draft = tmp_path / f"{n:02d}.md"
        draft.write_text(f"# Summary\n\nAt 10:{n:02d} Dana was careless and pushed the change.\n\n## Timeline\n\n"
                         f"- 10:{n:02d} the deploy started\n\n## Action items\n\n- Remind engineers to be more careful\n"
                         "- Add a canary stage to the deploy pipeline (owner: ops)\n")
        drafts.append(str(draft))
    env = {**os.environ, "PMREVIEW_CACHE_DIR": str(tmp_path / "cache")}
    check = [sys.executable, "-m", "reviewer", "check", "--format", "json"]
    pooled = subprocess.run([*check, "--jobs", "2", *drafts], capture_output=True, env=env, timeout=120)
    after_pool = _keys(tmp_path / "cache")
    serial = subprocess.run([*check, "--jobs", "1", *drafts], capture_output=True, env=env, timeout=120)
    assert pooled.returncode == serial.returncode == 1 and pooled.stdout == serial.stdout
    assert after_pool["lexicons"] and _keys(tmp_path / "cache") == after_pool  # the serial run needed nothing new
