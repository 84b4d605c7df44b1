"""Our dataclasses' generated methods, compiled once and kept between runs (reviewer.disk_cache).

`@dataclass` writes the source of __init__, __repr__, __eq__, __hash__, __setattr__ ... for
each class and compiles it in every new process. For the ~45 classes a rules-only
`pmreview check` defines that was ~40 ms, a sixth of its start-up. `install()` gives the
dataclasses module an `exec` that takes the compiled code of a source it compiled before from
the cache, and compiles (and records) any other: the code object is the one `exec` would
build from the same text, so the classes are the same. Only classes of reviewer's own modules
use the cache; any other dataclass, and any interpreter whose dataclasses work differently
than the CPython versions below, go to `exec` as before.
"""

from __future__ import annotations

import builtins
import sys
from typing import Any

from reviewer.disk_cache import DiskCache

# CPython versions whose dataclasses build methods with exec(source, module_globals, namespace).
_TESTED_VERSIONS = {(3, 11), (3, 12), (3, 13)}
CODE = DiskCache("dataclasses", version="1")


def _exec(source: Any, globals: dict[str, Any] | None = None, locals: dict[str, Any] | None = None) -> None:
    if not isinstance(source, str) or not str((globals or {}).get("__name__", "")).startswith("reviewer."):
        builtins.exec(source, globals, locals)
        return
    code = CODE.get(source)
    if code is None or type(code).__name__ != "code":
        code = compile(source, "<string>", "exec")
        CODE.put(source, code)
    builtins.exec(code, globals, locals)


def install() -> None:
    import dataclasses

    if sys.implementation.name == "cpython" and sys.version_info[:2] in _TESTED_VERSIONS \
            and "exec" not in vars(dataclasses):
        dataclasses.exec = _exec  # type: ignore[attr-defined]  # module global: found before the builtin
