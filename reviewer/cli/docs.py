"""`pmreview rules` and `pmreview rule ID`: generated from the Rule objects."""

from __future__ import annotations

import json
import sys

from reviewer.errors import UsageError
from reviewer.rules.docs import options_json, rule_markdown
from reviewer.rules.registry import all_rules, lookup


def print_rules(fmt: str) -> None:
    if fmt == "json":
        rows = [{"id": r.id, "name": r.name, "severity": r.severity.label, "summary": r.summary,
                 "options": options_json(r)} for r in all_rules()]
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    if fmt != "table":
        raise UsageError(f"--format {fmt}: use table or json")
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "name", "severity", "summary", "options", box=None, pad_edge=False)
    for r in all_rules():  # an option's type, default and help: `pmreview rule ID`
        table.add_row(r.id, r.name, r.severity.label, r.summary, ", ".join(o.key for o in r.options))
    Console(width=160, soft_wrap=False).print(table)


def print_rule(key: str) -> None:
    rule = lookup(key)
    if rule is None:
        raise UsageError(f"unknown rule {key!r} (see `pmreview rules`)")
    sys.stdout.write(rule_markdown(rule))
