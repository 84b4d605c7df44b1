"""Render the prompt templates with our own sandboxed jinja2 environment.

Templates are trusted code shipped in the package (prompts/*.j2 -> reviewer.prompts).
Postmortem text only ever enters as variables, and only through `Outbox.render`, which
redacts every value first. The blame categories the prompt lists come from the rule
registry, like the answer schema's.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources

from jinja2 import FunctionLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

TEMPLATES = ("system.j2", "detect.j2", "rewrite.j2", "actions.j2")


def _load(name: str) -> str | None:
    try:
        return resources.files("reviewer.prompts").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None


@cache
def environment() -> ImmutableSandboxedEnvironment:
    return ImmutableSandboxedEnvironment(
        loader=FunctionLoader(_load),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(name: str, **variables: object) -> str:
    return environment().get_template(name).render(**variables)


@cache
def categories() -> tuple[dict[str, str], ...]:
    """The blame categories as the prompt lists them: name and the summary of the rule that reports it."""
    from reviewer.rules.registry import blame_categories, by_id

    rules = by_id()
    return tuple({"name": name, "rule": rule_id, "summary": rules[rule_id].summary}
                 for name, rule_id in blame_categories().items())


@cache
def bundle_fingerprint() -> str:
    """sha256 over every template, the category list and every output schema: part of every cache key."""
    from reviewer.llm.schemas import SCHEMAS

    digest = hashlib.sha256()
    for name in TEMPLATES:
        digest.update(name.encode() + b"\0" + (_load(name) or "").encode() + b"\0")
    digest.update(json.dumps(categories(), sort_keys=True).encode())
    for schema in SCHEMAS:
        digest.update(json.dumps(schema.model_json_schema(), sort_keys=True).encode())
    return digest.hexdigest()[:16]
