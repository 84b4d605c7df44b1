"""scripts/blame_paths.py: every blame finding is attributed to the shape or evidence path that made it,
and the per-path tallies count a finding on a blame row for its path and one on a neutral row against it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reviewer.config import Config
from reviewer.engine import SegmentCache, run_rules
from reviewer.parser import parse_markdown

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from blame_paths import main, paths_of  # noqa: E402


def test_a_person_shape_and_a_lexicon_entry_name_their_paths() -> None:
    found, predicted = paths_of("Priya accidentally deleted the staging bucket.", Config())
    assert predicted
    assert ("BL006", "accident:adverbial:accidentally") in found


def test_bl001_names_the_shape_that_fired() -> None:
    found, _ = paths_of("We did not test the migration on a copy of production.", Config())
    assert [path for rule, path in found if rule == "BL001"] == ["shape:negation"]


def test_clean_sentence_has_no_paths() -> None:
    assert paths_of("The disk filled up at 10:02 UTC and the writes failed.", Config()) == ([], False)


def test_the_segment_cache_keeps_the_path() -> None:
    document = parse_markdown("We forgot to renew the certificate.", "x.md")
    cache = SegmentCache()
    first, _ = run_rules(document, Config(), cache)
    assert first  # filled the cache; the second run's hits come from it, shifted back into place
    from reviewer.engine import _run_cached, enabled_rules
    from reviewer.rules.base import RuleContext

    rules = [r for r in enabled_rules(Config()) if r.detect is not None]
    ctx = RuleContext(document=document, options=Config().options)
    contexts = {r.id: r.segment_context(ctx) for r in rules}
    hits = _run_cached(rules, document, contexts, cache, ())
    assert any(h.path == "accident:-:forgot" for h in hits["BL006"])


def test_tallies_per_group(tmp_path: Path, capsys) -> None:
    rows = [
        {"id": "a", "text": "We forgot to renew the certificate.", "label": "blame", "category": "accident-framing"},
        # labelled neutral on purpose: a finding on a neutral row counts against its path
        {"id": "b", "text": "I accidentally removed the bucket.", "label": "neutral"},
        {"id": "c", "text": "We mistakenly ran the old script.", "label": "neutral", "ambiguous": True},
        {"id": "d", "text": "The queue drained in four minutes.", "label": "neutral"},
    ]
    (tmp_path / "sentences.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = tmp_path / "paths.json"
    assert main(["--group", f"g={tmp_path}", "--json", str(out)]) == 0
    numbers = json.loads(out.read_text())["g"]
    assert numbers["rows"] == 4
    assert numbers["paths"]["BL006 accident:-:forgot"]["tp"] == 1
    assert numbers["paths"]["BL006 accident:adverbial:accidentally"] == {"tp": 0, "fp": 1, "ambiguous": 0}
    assert numbers["paths"]["BL006 accident:adverbial:mistakenly"] == {"tp": 0, "fp": 0, "ambiguous": 1}
    assert (numbers["tp"], numbers["fp"], numbers["fn"]) == (1, 1, 0)
    assert "BL006" in capsys.readouterr().out


def test_evidence_groups_by_path_family_and_the_clauses_agent() -> None:
    found, _ = paths_of("I accidentally removed the bucket.", Config(), evidence=True)
    assert ("BL006", "accident:adverbial agent:person") in found
