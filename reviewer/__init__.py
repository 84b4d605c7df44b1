"""pmreview: a reviewer for incident postmortems.

Public API::

    from reviewer import review, Finding, Report, Severity
    report = review(markdown_text, path="postmortems/2024-05-01.md")
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any  # noqa: E402

from reviewer import gc_hold  # noqa: E402

# What these imports build lives as long as the process: no garbage collection meanwhile.
with gc_hold.while_importing():
    from reviewer import dataclass_code, regex_cache

    dataclass_code.install()  # before our first dataclass: their methods' code comes from the cache

    # The modules below, and the standard ones they load (logging, inspect...), compile their
    # module-level regexes from the start-up cache.
    with regex_cache.every_compile():
        from reviewer.findings import FileReport, Finding, Report, Severity

        # Bound after the submodule of the same name is imported, so `reviewer.review` is the function.
        from reviewer.review import review

if TYPE_CHECKING:
    from reviewer.config_schema import Config


def __getattr__(name: str) -> Any:
    """`reviewer.Config` on first use: importing it loads pydantic, which a rules-only run never needs."""
    if name == "Config":
        from reviewer.config_schema import Config

        return Config
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Config", "FileReport", "Finding", "Report", "Severity", "review", "__version__"]
