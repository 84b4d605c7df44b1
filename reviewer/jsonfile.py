"""Read a JSON file a user named, with one-line errors.

Baselines (check's and eval's), the GitHub event file and other user-named JSON files fail in the
same few ways; every reader words them the same and raises its own error type.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any


def read_json(path: Path, label: str, error: Callable[[str], Exception]) -> Any:
    """The parsed JSON at `path`. A failure raises `error("<label>: <why>")` with a one-line why."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{label}: no such file") from None
    except OSError as exc:
        raise error(f"{label}: cannot read ({exc.strerror or exc.__class__.__name__})") from None
    except UnicodeDecodeError:
        raise error(f"{label}: not valid JSON (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise error(f"{label}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
