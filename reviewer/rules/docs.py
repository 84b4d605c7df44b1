"""A rule's documentation page, generated from its Rule (docs/rules/<ID>.md, `pmreview rule`)."""

from __future__ import annotations

import json

from reviewer.rules.base import Example, Rule, RuleOption

OPTIONS_WHERE = "Set under `[options]` in `.pmreview.toml` (`[tool.pmreview.options]` in `pyproject.toml`)."


def _example_block(example: Example) -> str:
    text = example.text.rstrip("\n")
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}markdown\n{text}\n{fence}\n"


def option_line(option: RuleOption) -> str:
    """`key` (type; default: value): help, for the rule pages and `pmreview rule`."""
    return f"- `{option.key}` ({option.type_name}; default: `{json.dumps(option.default)}`): {option.help}"


def options_json(rule: Rule) -> list[dict]:
    """The rule's options as data (`pmreview rules --format json`, GET /v1/rules)."""
    return [{"key": o.key, "type": o.type_name, "default": o.default, "help": o.help} for o in rule.options]


def _options_part(rule: Rule) -> list[str]:
    if not rule.options:
        return []
    return ["## Options\n", OPTIONS_WHERE + "\n", "\n".join(option_line(o) for o in rule.options) + "\n"]


def rule_markdown(rule: Rule) -> str:
    parts = [
        f"# {rule.id} {rule.name}\n",
        f"{rule.summary}\n",
        f"- Severity: {rule.severity.label}",
        f"- Sections: {', '.join(sorted(s.value for s in rule.sections)) if rule.sections else 'all'}",
        f"- Disable: `<!-- pmreview-disable-next-line {rule.id} reason=\"…\" -->`\n",
        "## Why\n",
        f"{rule.rationale}\n",
        "## Instead\n",
        f"{rule.guardrail}\n",
        *_options_part(rule),
        "## Flagged\n",
    ]
    for example in rule.flagged:
        parts.append(_example_block(example))
        if example.fixed:
            parts.append("Better:\n")
            parts.append(_example_block(Example(example.fixed)))
    parts.append("## Not flagged\n")
    for example in rule.passing:
        parts.append(_example_block(example))
    return "\n".join(parts).rstrip("\n") + "\n"
