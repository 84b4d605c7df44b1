"""GitHub writes that may have landed are never replayed blindly; paths are encoded; the
summary keeps its notes when cut; unreadable files are named on stderr (issue 10 item 17).

All against the fake GitHub over HTTP on 127.0.0.1.
"""

from __future__ import annotations

import json

import pytest

from reviewer.github.comments import MAX_BODY, SUMMARY_MARKER
from reviewer.github.errors import GitHubAPIError, GitHubContextError
from tests.github.conftest import HEAD
from tests.github.fakegh import DROP

BLAMEFUL = "# Summary\n\nBob pushed the bad config.\n\nThe operator was careless and it was a stupid mistake.\n"


def _pr(fake, files: dict[str, str]) -> None:
    fake.set_head(HEAD, {path: (None, text, "added") for path, text in files.items()})


@pytest.mark.parametrize("failure", [502, DROP], ids=["502-after-saving", "connection-lost-after-saving"])
def test_a_saved_review_is_not_posted_twice(fake, harness, failure):
    _pr(fake, {"postmortems/a.md": BLAMEFUL})
    fake.fail("POST", r"/pulls/7/reviews$", failure, {"message": "Bad Gateway"}, after=True)
    fake.fail("POST", r"/issues/7/comments$", failure, {"message": "Bad Gateway"}, after=True)
    outcome, _, err = harness.run()
    assert outcome.mode == "review"
    assert len(fake.reviews) == 1  # one review, not two
    [post] = fake.requests("POST", r"/pulls/7/reviews$")
    assert fake.review_comments and len(fake.review_comments) == len(post.body["comments"])  # no duplicates
    assert len([c for c in fake.issue_comments if SUMMARY_MARKER in c["body"]]) == 1  # one summary
    assert "the review was saved; not posting it again" in err
    assert len(fake.requests("POST", r"/issues/7/comments$")) == 1


def test_an_unsaved_review_is_posted_once_more(fake, harness):
    _pr(fake, {"postmortems/a.md": BLAMEFUL})
    fake.fail("POST", r"/pulls/7/reviews$", 502, {"message": "Bad Gateway"})  # refused before saving
    outcome, _, err = harness.run()
    assert len(fake.reviews) == 1 and fake.review_comments
    assert len(fake.requests("POST", r"/pulls/7/reviews$")) == 2
    assert "checking whether GitHub saved the review" in err


def test_a_post_failing_twice_is_one_clear_error(fake, harness):
    _pr(fake, {"postmortems/a.md": BLAMEFUL})
    fake.fail("POST", r"/pulls/7/reviews$", 502, {"message": "Bad Gateway"}, times=10)
    with pytest.raises(GitHubAPIError, match="create review failed: HTTP 502 Bad Gateway"):
        harness.run()
    assert len(fake.requests("POST", r"/pulls/7/reviews$")) == 2


@pytest.mark.parametrize("name", ["postmortems/a#1.md", "postmortems/what?.md", "postmortems/100%.md",
                                  "postmortems/a b.md"])
def test_file_names_are_encoded_in_api_paths(fake, harness, name):
    _pr(fake, {name: BLAMEFUL, "postmortems/a.md": "# Summary\n\nAll good.\n"})
    outcome, _, err = harness.run()
    [get] = [r for r in fake.requests("GET", r"/contents/") if r.path.endswith(name)]
    assert get.path.endswith("/contents/" + name)
    assert any(c["path"] == name for c in fake.review_comments), err


def test_summary_keeps_its_notes_when_cut_to_size(fake, harness):
    many = "# Summary\n\n" + "".join(f"Bob pushed bad config number {i} and it was a stupid mistake.\n\n"
                                     for i in range(1500))
    _pr(fake, {"postmortems/big.md": many, "postmortems/bad.md": "\x00\x01binary"})
    harness.run(max_comments=1)
    [summary] = [c["body"] for c in fake.issue_comments if SUMMARY_MARKER in c["body"]]
    assert len(summary) <= MAX_BODY
    assert "Not reviewed:" in summary and "postmortems/bad.md" in summary  # the errors survive the cut
    assert "more findings are listed in the Actions job summary" in summary
    assert summary.endswith(SUMMARY_MARKER)


def test_files_that_could_not_be_reviewed_are_named_on_stderr(fake, harness):
    _pr(fake, {"postmortems/bad.md": "\x00\x01binary", "postmortems/a.md": BLAMEFUL})
    outcome, _, err = harness.run()
    assert outcome.exit_code == 2
    assert "pmreview: error: postmortems/bad.md:" in err


@pytest.mark.parametrize("pull_request", [
    {"number": 7, "head": "x", "base": {}},
    {"number": 7, "head": {"sha": "1" * 40}, "base": "main"},
    {"number": 7, "head": {"sha": "1" * 40, "repo": {"full_name": 5}}, "base": {}},
])
def test_malformed_event_payload_is_a_one_line_error(harness, tmp_path, pull_request):
    from reviewer.github.context import from_env

    env = harness.env()
    event = tmp_path / "bad-event.json"
    event.write_text(json.dumps({"pull_request": pull_request}))
    env["GITHUB_EVENT_PATH"] = str(event)
    if isinstance(pull_request["head"], dict) and isinstance(pull_request["base"], dict):
        ctx = from_env(env)  # a non-string repo name is ignored, not a crash
        assert ctx.head_repo is None and not ctx.is_fork
        return
    with pytest.raises(GitHubContextError, match="must be objects"):
        from_env(env)


def test_malformed_event_exits_2_from_the_cli(harness, tmp_path):
    import subprocess
    import sys

    env = {**harness.env(), "PATH": "/usr/bin:/bin"}
    event = tmp_path / "bad-event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "head": "x"}}))
    env["GITHUB_EVENT_PATH"] = str(event)
    proc = subprocess.run([sys.executable, "-m", "reviewer", "github-review"], env=env, capture_output=True,
                          timeout=60, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.decode().strip().splitlines()) == 1 and b"Traceback" not in proc.stderr
