"""Load the labelled fixtures (see fixtures/README.md) into plain dataclasses.

Nothing here scores or reviews; label problems (a quote that is not in its document)
raise `FixtureError`, which the harness reports as a harness error (exit 2).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from evals.errors import HarnessError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SPLITS = ("dev", "test")
WEAK_LABELS = ("reminder", "training", "documentation", "vigilance")
STRONG_LABELS = ("guardrail", "constraint", "decision-policy", "detection")
ACTION_LABELS = (*WEAK_LABELS, *STRONG_LABELS, "investigation")
NOT_ACTION_ITEM = "not_action_item"
BLAME_CATEGORIES = ("person-as-cause", "human-error", "counterfactual", "hindsight", "moral",
                    "accident-framing", "animated", "interrogation", "hr")


class FixtureError(HarnessError):
    """The fixtures cannot be read or do not match their schema."""


@dataclass(frozen=True)
class Quote:
    text: str
    start: int
    end: int
    category: str | None = None  # blame category
    label: str | None = None  # action-item label
    owner: bool | None = None
    must_keep: tuple[str, ...] = ()


@dataclass(frozen=True)
class Postmortem:
    id: str
    path: Path
    text: str
    split: str
    kind: str
    style: str
    tone: str
    structure: dict
    blame: tuple[Quote, ...]
    hard_negatives: tuple[Quote, ...]
    action_items: tuple[Quote, ...]


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    label: str
    category: str | None
    hard_negative: bool
    section: str | None
    must_keep: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActionItemCase:
    id: str
    text: str
    label: str
    owner: str | None
    form: str


@dataclass(frozen=True)
class RegressionCase:
    id: str
    kind: str
    text: str
    expect: str
    reason: str


@dataclass
class Dataset:
    root: Path
    split: str
    postmortems: list[Postmortem] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    action_items: list[ActionItemCase] = field(default_factory=list)
    regression: list[RegressionCase] = field(default_factory=list)


def _locate(text: str, quote: str, where: str) -> tuple[int, int]:
    start = text.find(quote)
    if start < 0:
        raise FixtureError(f"{where}: quote not found in the document: {quote!r}")
    if text.find(quote, start + 1) >= 0:
        raise FixtureError(f"{where}: quote occurs more than once: {quote!r}")
    return start, start + len(quote)


def load_postmortem(md: Path) -> Postmortem:
    labels_path = md.with_name(md.stem + ".labels.yaml")
    if not labels_path.is_file():
        raise FixtureError(f"{md.name}: no labels file {labels_path.name}")
    text = md.read_text(encoding="utf-8")
    try:
        labels = yaml.safe_load(labels_path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise FixtureError(f"{labels_path.name}: invalid YAML ({exc})") from None
    where = labels_path.name

    def quotes(key: str) -> tuple[Quote, ...]:
        out = []
        for i, item in enumerate(labels.get(key) or []):
            start, end = _locate(text, item["quote"], f"{where} {key}[{i}]")
            owner = item.get("owner")
            out.append(Quote(item["quote"], start, end, item.get("category"), item.get("label"),
                             None if owner is None else bool(owner), tuple(item.get("must_keep") or ())))
        return tuple(out)

    return Postmortem(
        id=str(labels.get("id") or md.stem), path=md, text=text, split=str(labels.get("split")),
        kind=str(labels.get("kind")), style=str(labels.get("style")), tone=str(labels.get("tone")),
        structure=dict(labels.get("structure") or {}), blame=quotes("blame"),
        hard_negatives=quotes("hard_negatives"), action_items=quotes("action_items"),
    )


def _jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        raise FixtureError(f"missing fixture file {path}")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise FixtureError(f"{path.name}:{n}: invalid JSON ({exc.msg})") from None
    return rows


def load(split: str, root: Path = FIXTURES) -> Dataset:
    if split not in SPLITS:
        raise FixtureError(f"unknown split {split!r} (use dev or test)")
    if not root.is_dir():
        raise FixtureError(f"fixtures directory not found: {root}")
    data = Dataset(root=root, split=split)
    for md in sorted((root / "postmortems").glob("*.md")):
        pm = load_postmortem(md)
        if pm.split == split:
            data.postmortems.append(pm)
    try:
        data.sentences = [Sentence(r["id"], r["text"], r["label"], r.get("category"), bool(r.get("hard_negative")),
                                   r.get("section"), tuple(r.get("must_keep") or ()))
                          for r in _jsonl(root / "sentences" / f"{split}.jsonl")]
        data.action_items = [ActionItemCase(r["id"], r["text"], r["label"], r.get("owner"), r.get("form", "list"))
                             for r in _jsonl(root / "action_items" / f"{split}.jsonl")]
        data.regression = [RegressionCase(r["id"], r["kind"], r["text"], r["expect"], r.get("reason", ""))
                           for r in _jsonl(root / "regression" / "cases.jsonl")]
    except KeyError as exc:
        raise FixtureError(f"fixture row without required key {exc}") from None
    return data


def dataset_version(root: Path = FIXTURES) -> str:
    """sha256 over every fixture data file (path + bytes), README excluded; first 16 hex digits."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".md", ".yaml", ".jsonl")
                       and p.name != "README.md"):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def coarse(label: str) -> str:
    """Gold/fine action label -> the rules' coarse space: 'reminder-like' | 'not-reminder'."""
    return "reminder-like" if label in WEAK_LABELS else "not-reminder"
