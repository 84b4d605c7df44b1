"""Precision of every blame rule and of each rule's internal shape or evidence path, pooled over
labelled sentence sets.

    python scripts/blame_paths.py \\
        --group tune=/work/shared/real@dev,/work/extra-real,fixtures@dev \\
        --group fresh=/work/extra-real9-fresh [--min 1] [--show PATH-PREFIX] [--json out.json]

A set is a `--data` directory (`DIR@dev` / `DIR@held` keeps one part of the organisation split, as
`pmreview eval --part` does) or `fixtures@dev` (our own dev split). Each sentence is reviewed exactly
as `pmreview eval` does (rules only, default config); every BL*/HR* finding that survives the engine's
merge is attributed to the path its rule reported on the hit (`Hit.path`: BL001's shape kind, a
lexicon's tag and term, BL007's shouting ...). A finding on a sentence labelled blame counts for its
path, one on a neutral sentence against it; ambiguous rows are counted apart, as the eval does.

`--show PREFIX` prints the sentences behind the false positives and true positives of the paths that
start with PREFIX ("BL001 shape:first-person"), for the FIRST group only: put the tune group first.
Reading a fresh or held-back group's sentences to change a rule defeats the split.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.config import Config
from reviewer.document import Span
from reviewer.engine import enabled_rules
from reviewer.evals.data import Sentence, load, load_data
from reviewer.review import review
from reviewer.rules import agents
from reviewer.rules.base import RuleContext
from reviewer.rules.clauses import subject_is_person
from reviewer.rules.registry import BLAME_GROUPS


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    ambiguous: int = 0
    examples: dict[str, list[str]] = field(default_factory=lambda: {"tp": [], "fp": []})

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None


def sentences_of(spec: str) -> list[Sentence]:
    where, _, part = spec.partition("@")
    if where == "fixtures":
        return load(part or "dev").sentences
    return load_data(Path(where), part or "all").sentences


def agent_at(document, start: int) -> str:
    """Who the clause holding a finding is about (agents.subject_of at the finding's start):
    person, system or unknown -- the structural evidence a judgement word may lack."""
    segment = document.segment_at(Span(start, start))
    if segment is None:
        return "unknown"
    prose = segment.prose
    at = start - segment.span.start
    return "person" if subject_is_person(prose, at) else agents.subject_of(prose, at).value


def paths_of(text: str, config: Config, evidence: bool = False) -> tuple[list[tuple[str, str]], bool]:
    """([(rule id, path)] of the blame findings the engine reports for `text`, predicted blame)."""
    report = review(text, "sentence.md", config=config)
    document = report.document
    assert document is not None
    found = [f for f in report.findings if f.rule[:2] in BLAME_GROUPS and not f.dismissed]
    if not found:
        return [], False
    # The same rules once more, this time keeping their hits (which carry the path); a finding is
    # matched to the hit of its rule with its span (the merge only drops and orders).
    ctx = RuleContext(document=document, options=config.options)
    raw: dict[tuple[str, int, int], str] = {}
    for rule in enabled_rules(config):
        if rule.id[:2] in BLAME_GROUPS and rule.id in {f.rule for f in found}:
            for h in rule.run(document, ctx):
                raw.setdefault((rule.id, h.span.start, h.span.end), h.path or "-")
    if evidence:  # group by the rule's path family (the lexicon tag, not the term) and the clause's agent
        return [(f.rule, f"{':'.join(raw.get((f.rule, f.span.start, f.span.end), '?').split(':')[:2])} "
                         f"agent:{agent_at(document, f.span.start)}") for f in found], True
    return [(f.rule, raw.get((f.rule, f.span.start, f.span.end), "?")) for f in found], True


def measure(specs: list[str], config: Config, evidence: bool = False) -> dict:
    by_rule: dict[str, Tally] = defaultdict(Tally)
    by_path: dict[str, Tally] = defaultdict(Tally)
    tp = fp = fn = rows = 0
    for spec in specs:
        for s in sentences_of(spec):
            found, predicted = paths_of(s.text, config, evidence)
            gold = s.label == "blame"
            rows += 1
            if not s.ambiguous:
                tp += predicted and gold
                fp += predicted and not gold
                fn += gold and not predicted
            for rule, path in set(found):
                for tally in (by_rule[rule], by_path[f"{rule} {path}"]):
                    if s.ambiguous:
                        tally.ambiguous += 1
                    else:
                        tally.tp += gold
                        tally.fp += not gold
                        tally.examples["tp" if gold else "fp"].append(s.text)
    return {"rows": rows, "tp": tp, "fp": fp, "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else None, "recall": tp / (tp + fn) if tp + fn else None,
            "rules": by_rule, "paths": by_path}


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--group", action="append", required=True, metavar="NAME=SET,SET",
                        help="a named group of sets pooled together (repeatable)")
    parser.add_argument("--min", type=int, default=1, help="list paths with at least this many findings")
    parser.add_argument("--show", default=None, help="print the first group's sentences of paths starting with this")
    parser.add_argument("--evidence", action="store_true",
                        help="paths by family (lexicon tag, not term) and by the agent of the finding's clause")
    parser.add_argument("--json", type=Path, default=None, help="write the numbers as JSON")
    args = parser.parse_args(argv)
    config = Config()
    results = {}
    for group in args.group:
        name, _, specs = group.partition("=")
        results[name] = measure([s for s in specs.split(",") if s], config, args.evidence)
    names = list(results)
    print("sentence level  " + "  ".join(
        f"{n}: P {_fmt(r['precision'])} R {_fmt(r['recall'])} (tp {r['tp']} fp {r['fp']} fn {r['fn']}, "
        f"{r['rows']} rows)" for n, r in results.items()))
    for level in ("rules", "paths"):
        keys = sorted({k for r in results.values() for k in r[level]})
        print(f"\n{level[:-1]:<60s}" + "".join(f"{n:>22s}" for n in names))
        for key in keys:
            tallies = [results[n][level].get(key) or Tally() for n in names]
            if max(t.tp + t.fp + t.ambiguous for t in tallies) < args.min:
                continue
            print(f"{key[:60]:<60s}" + "".join(
                f"{_fmt(t.precision):>8s} {t.tp:>3d}/{t.fp:>3d}/{t.ambiguous:>2d}   " for t in tallies))
    print("\n(precision  tp/fp/ambiguous findings; a sentence counts once per rule and path)")
    if args.show:  # the first group only: the tune part is the one to read
        for name, result in list(results.items())[:1]:
            for key, tally in sorted(result["paths"].items()):
                if key.startswith(args.show):
                    for kind in ("fp", "tp"):
                        for text in tally.examples[kind]:
                            print(f"[{name}] {kind.upper()} {key}: {text}")
    if args.json:
        args.json.write_text(json.dumps({n: {**{k: v for k, v in r.items() if k not in ("rules", "paths")},
                                             **{level: {k: {"tp": t.tp, "fp": t.fp, "ambiguous": t.ambiguous}
                                                        for k, t in r[level].items()}
                                                for level in ("rules", "paths")}}
                                         for n, r in results.items()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
