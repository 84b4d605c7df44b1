"""All rules, by id. Adding a rule: write its module, add its RULE here."""

from __future__ import annotations

from functools import cache

from reviewer.rules.base import Rule, RuleOption


@cache
def all_rules() -> tuple[Rule, ...]:
    from reviewer.rules.action_items import owner, reminder, tracking
    from reviewer.rules.blame import (
        accident,
        animated,
        blame_individual,
        counterfactual,
        hindsight,
        human_error,
        interrogation,
        moral,
    )
    from reviewer.rules.hr import performance
    from reviewer.rules.structure import sections
    from reviewer.rules.timeline import entries

    rules = (
        blame_individual.RULE, human_error.RULE, counterfactual.RULE, hindsight.RULE, moral.RULE,
        accident.RULE, animated.RULE, interrogation.RULE,
        reminder.RULE, owner.MISSING, owner.SEVERAL, owner.VAGUE, tracking.RULE,
        sections.REQUIRED, sections.IMPACT,
        entries.MISSING, entries.ZONE, entries.ORDER,
        performance.RULE,
    )
    ids = [r.id for r in rules]
    names = [r.name for r in rules]
    if len(set(ids)) != len(ids) or len(set(names)) != len(names):
        raise RuntimeError("duplicate rule id or name")
    return rules


@cache
def declared_options() -> dict[str, RuleOption]:
    """Every option some rule declares, by key, sorted: what `[options]` in a config may set."""
    found: dict[str, RuleOption] = {}
    for rule in all_rules():
        for option in rule.options:
            if found.setdefault(option.key, option) is not option:
                raise RuntimeError(f"{rule.id}: option {option.key!r} is declared twice differently; share one object")
    return dict(sorted(found.items()))


def option_readers(key: str) -> list[str]:
    """The ids of the rules that read option `key`."""
    return [r.id for r in all_rules() if any(o.key == key for o in r.options)]


def by_id() -> dict[str, Rule]:
    return {r.id: r for r in all_rules()}


def lookup(key: str) -> Rule | None:
    """A rule by id (BL001) or name (blame-individual), case-insensitive."""
    key = key.strip()
    for rule in all_rules():
        if rule.id.lower() == key.lower() or rule.name == key.lower():
            return rule
    return None


# Rule groups, in the order reports list them. BL and HR are the blame groups (rewritable language).
GROUPS = ("BL", "AC", "ST", "TL", "HR", "RV")
BLAME_GROUPS = ("BL", "HR")


def blame_categories() -> dict[str, str]:
    """Blame category -> the rule that reports it, in rule order: the one taxonomy."""
    return {r.category: r.id for r in all_rules() if r.category is not None}


def is_blame_rule(rule_id: str) -> bool:
    return rule_id[:2] in BLAME_GROUPS


# The tool's own diagnostics: not pattern rules, but ids users can select, ignore and look up.
TOOL_RULES = {
    "RV001": ("rule-crashed", "A rule raised an exception on this document; other rules still ran."),
    "RV002": ("llm-answer-rejected", "An LLM answer failed verification; the rule finding stands without a rewrite."),
    "RV003": ("llm-review-incomplete", "Part of the LLM review failed (timeout, rate limit, bad answer)."),
}
