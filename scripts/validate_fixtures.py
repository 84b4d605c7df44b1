"""Check the labelled fixtures against the rules in fixtures/README.md.

Exit 0 when every file is valid, 1 with one line per problem otherwise. The label sets are
not written here: blame categories come from the rules (reviewer.rules.registry), action-item
labels from the eval harness, section kinds from the structure rule.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from reviewer.evals.data import ACTION_LABELS as ACTION_ITEM_LABELS
from reviewer.rules.registry import blame_categories
from reviewer.rules.structure.sections import DEFAULT_REQUIRED

ROOT = Path(__file__).resolve().parent.parent / "fixtures"

BLAME_CATEGORIES = set(blame_categories())
ACTION_LABELS = set(ACTION_ITEM_LABELS)
SECTION_KINDS = set(DEFAULT_REQUIRED)
KINDS = {
    "summary", "impact", "timeline", "root-cause", "resolution", "detection",
    "action-items", "lessons",
}
KINDS = {
    "bad-deploy", "config-push", "db-migration", "cert-expiry", "capacity",
    "dependency-outage", "dns", "security", "data-loss", "alerting-failure",
}


def check_quote(problems: list[str], where: str, text: str, quote: object) -> None:
    if not isinstance(quote, str) or not quote.strip():
        problems.append(f"{where}: quote must be a non-empty string")
        return
    count = text.count(quote)
    if count != 1:
        problems.append(f"{where}: quote occurs {count} times (must be exactly once): {quote!r}")
    elif "\n\n" in quote:
        problems.append(f"{where}: quote spans a blank line: {quote!r}")


def check_postmortem(problems: list[str], md: Path) -> None:
    labels_path = md.with_name(md.stem + ".labels.yaml")
    if not labels_path.exists():
        problems.append(f"{md.name}: no {labels_path.name}")
        return
    text = md.read_text(encoding="utf-8")
    words = len(text.split())
    if not 300 <= words <= 3000:
        problems.append(f"{md.name}: {words} words (must be 300-3000)")
    labels = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
    where = labels_path.name
    if labels.get("schema_version") != 1:
        problems.append(f"{where}: schema_version must be 1")
    if not md.stem.startswith(str(labels.get("id"))):
        problems.append(f"{where}: id {labels.get('id')!r} does not prefix the file name")
    if labels.get("split") not in {"dev", "test"}:
        problems.append(f"{where}: split must be dev or test")
    if labels.get("kind") not in KINDS:
        problems.append(f"{where}: unknown kind {labels.get('kind')!r}")
    if labels.get("tone") not in {"blameless", "subtle", "heavy"}:
        problems.append(f"{where}: unknown tone {labels.get('tone')!r}")
    structure = labels.get("structure") or {}
    for kind in structure.get("missing_sections") or []:
        if kind not in SECTION_KINDS:
            problems.append(f"{where}: unknown section kind {kind!r}")
    for i, item in enumerate(labels.get("blame") or []):
        check_quote(problems, f"{where} blame[{i}]", text, item.get("quote"))
        if item.get("category") not in BLAME_CATEGORIES:
            problems.append(f"{where} blame[{i}]: unknown category {item.get('category')!r}")
        for fact in item.get("must_keep") or []:
            if fact not in item.get("quote", ""):
                problems.append(f"{where} blame[{i}]: must_keep {fact!r} is not in the quote")
    for i, item in enumerate(labels.get("hard_negatives") or []):
        check_quote(problems, f"{where} hard_negatives[{i}]", text, item.get("quote"))
    for i, item in enumerate(labels.get("action_items") or []):
        check_quote(problems, f"{where} action_items[{i}]", text, item.get("quote"))
        if item.get("label") not in ACTION_LABELS:
            problems.append(f"{where} action_items[{i}]: unknown label {item.get('label')!r}")
        if not isinstance(item.get("owner"), bool):
            problems.append(f"{where} action_items[{i}]: owner must be true or false")
    if tone := labels.get("tone"):
        n_blame = len(labels.get("blame") or [])
        if tone == "blameless" and n_blame:
            problems.append(f"{where}: tone blameless but {n_blame} blame labels")
        if tone != "blameless" and not n_blame:
            problems.append(f"{where}: tone {tone} but no blame labels")


def check_jsonl(problems: list[str], path: Path, check_row) -> int:
    rows = 0
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.relative_to(ROOT)}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: invalid JSON ({exc.msg})")
            continue
        if row.get("id") in seen:
            problems.append(f"{where}: duplicate id {row.get('id')!r}")
        seen.add(row.get("id"))
        if not isinstance(row.get("text"), str) or not row["text"].strip():
            problems.append(f"{where}: text must be a non-empty string")
        check_row(problems, where, row)
        rows += 1
    return rows


def check_sentence(problems: list[str], where: str, row: dict) -> None:
    if row.get("label") not in {"blame", "neutral"}:
        problems.append(f"{where}: label must be blame or neutral")
    if row.get("label") == "blame" and row.get("category") not in BLAME_CATEGORIES:
        problems.append(f"{where}: blame needs a category, got {row.get('category')!r}")
    if row.get("label") == "neutral" and row.get("category") is not None:
        problems.append(f"{where}: neutral sentences have category null")
    for fact in row.get("must_keep") or []:
        if fact not in row.get("text", ""):
            problems.append(f"{where}: must_keep {fact!r} is not in the text")


def check_action(problems: list[str], where: str, row: dict) -> None:
    if row.get("label") not in ACTION_LABELS:
        problems.append(f"{where}: unknown label {row.get('label')!r}")


def check_regression(problems: list[str], where: str, row: dict) -> None:
    if row.get("kind") not in {"sentence", "action_item"}:
        problems.append(f"{where}: kind must be sentence or action_item")
    if not row.get("reason"):
        problems.append(f"{where}: a regression case needs a reason")


def main() -> int:
    problems: list[str] = []
    docs = sorted(ROOT.glob("postmortems/*.md"))
    for md in docs:
        check_postmortem(problems, md)
    counts = {}
    for name, checker in (("sentences", check_sentence), ("action_items", check_action)):
        for path in sorted((ROOT / name).glob("*.jsonl")):
            counts[str(path.relative_to(ROOT))] = check_jsonl(problems, path, checker)
    reg = ROOT / "regression" / "cases.jsonl"
    if reg.exists():
        counts["regression/cases.jsonl"] = check_jsonl(problems, reg, check_regression)
    for problem in problems:
        print(problem)
    print(f"{len(docs)} postmortems, " + ", ".join(f"{k}: {v}" for k, v in counts.items()))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
