"""A rule's documentation page, generated from its Rule (docs/rules/<ID>.md, `pmreview rule`)."""

from __future__ import annotations

from reviewer.rules.base import Example, Rule


def _example_block(example: Example) -> str:
    text = example.text.rstrip("\n")
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}markdown\n{text}\n{fence}\n"


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
