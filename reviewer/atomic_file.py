"""Replace a file's content so that a reader sees the old or the new bytes, never half of them.

Baselines, batch state and the caches all write this way. The temporary file has a unique name in
the target's own folder (same file system, so the rename is atomic), which lets two processes
write the same target at once; a failed write removes it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` by rename. Raises OSError; the target is untouched when it does."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
