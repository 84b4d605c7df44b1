"""Would a slack reading of the act stage recover blame misses? Measure before building it.

    python scripts/slack_probe.py \\
        --group tune=/work/shared/real@dev,/work/extra-real,... --group fresh=/work/extra-real9-fresh [--show]

The idea under test (issue 9): BL* act patterns are fixed-adjacency alternations, so a sentence with
one extra adverb ("we actually never checked") might fall through. For every sentence labelled blame
that the rules miss, this drops the words a slack reading would skip -- a closed class of degree,
time, frequency and hedging adverbs, and any -ly adverb right after an auxiliary, modal, pronoun or
negation -- and reviews the rewritten sentence again. Judgement adverbs ("mistakenly", "carelessly")
are evidence and are kept; so are negations and agent quantifiers ("nobody", "every").

It counts, per group: misses, misses holding a skippable word, misses the rewrite turns into a hit
(an upper bound on what the slack reading can recover, since the rewrite is applied everywhere), and
neutral sentences the rewrite would newly flag. `--show` prints the first group's rewritten misses
only (put the tune group first; reading a fresh or held-back group's sentences defeats the split).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from blame_paths import paths_of, sentences_of  # noqa: E402

from reviewer.config import Config  # noqa: E402

# Words that do not change who did what: degree, time, frequency and hedging adverbs.
SKIPPABLE = frozenset(
    "also just still then probably actually really simply even already quickly ultimately initially "
    "likely possibly perhaps maybe certainly definitely clearly obviously ever originally previously "
    "subsequently later eventually immediately finally again fully completely entirely".split())
# Judgement adverbs are blame evidence themselves: never skipped.
JUDGEMENT = frozenset(
    "wrongly mistakenly accidentally carelessly inadvertently erroneously incorrectly improperly "
    "negligently unintentionally".split())
_SKIP_RE = re.compile(r"\b(\w+)\s+(?=\w)")
_AUX = (r"(?:should|would|could|might|must|may|can|will|shall|did|does|do|had|has|have|was|were|is|are|be|"
        r"been|we|i|they|he|she|never|not|n't)")
_LY_AFTER_AUX_RE = re.compile(rf"(\b{_AUX}\s+)(\w+ly)\s+", re.IGNORECASE)


def slack(text: str) -> str:
    """`text` without the words a slack reading of the act stage would skip."""
    out = _SKIP_RE.sub(lambda m: "" if m.group(1).lower() in SKIPPABLE else m.group(0), text)
    return _LY_AFTER_AUX_RE.sub(
        lambda m: m.group(0) if m.group(2).lower() in JUDGEMENT else m.group(1), out)


def probe(specs: list[str], config: Config, show: bool) -> dict[str, int]:
    counts = dict.fromkeys(("misses", "with_skippable", "recovered", "neutral_with_skippable", "new_fp"), 0)
    for spec in specs:
        for s in sentences_of(spec):
            if s.ambiguous:
                continue
            rewritten = slack(s.text)
            if s.label == "blame":
                if paths_of(s.text, config)[1]:
                    continue
                counts["misses"] += 1
                if rewritten != s.text:
                    counts["with_skippable"] += 1
                    hit = paths_of(rewritten, config)[1]
                    counts["recovered"] += hit
                    if show:
                        print(f"{'RECOVERED' if hit else 'still missed'}: {rewritten}")
            elif rewritten != s.text:
                counts["neutral_with_skippable"] += 1
                counts["new_fp"] += not paths_of(s.text, config)[1] and paths_of(rewritten, config)[1]
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--group", action="append", required=True, metavar="NAME=SET,SET")
    parser.add_argument("--show", action="store_true", help="print the first group's rewritten misses")
    args = parser.parse_args(argv)
    config = Config()
    for i, group in enumerate(args.group):
        name, _, specs = group.partition("=")
        counts = probe([s for s in specs.split(",") if s], config, args.show and i == 0)
        print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
