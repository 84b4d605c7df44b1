"""Load labelled data into plain dataclasses: our fixtures, or any directory (`--data`).

The formats are those of fixtures/README.md. A `--data` directory holds flat sets
(`sentences*.jsonl`, `action_items*.jsonl`, optional `regression*.jsonl`) and/or whole
documents (`<stem>.md` next to `<stem>.labels.yaml`), in any subfolder. Extra fields are
ignored; `family`, `source` and `ambiguous` are read when present (see evals/README.md).

Nothing here scores or reviews; label problems (a quote that is not in its document)
raise `FixtureError`, which the harness reports as a harness error (exit 2).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from reviewer.evals.errors import HarnessError
from reviewer.evals.partition import PARTS, family_of, part_of
from reviewer.rules.registry import all_rules

# Our own fixtures, in a source checkout (an installed package has none: use --data).
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SPLITS = ("dev", "test")
WEAK_LABELS = ("reminder", "training", "documentation", "vigilance")
STRONG_LABELS = ("guardrail", "constraint", "decision-policy", "detection")
ACTION_LABELS = (*WEAK_LABELS, *STRONG_LABELS, "investigation")
NOT_ACTION_ITEM = "not_action_item"


def blame_categories() -> tuple[str, ...]:
    """The blame categories, as the rules declare them (reviewer.rules.registry): one taxonomy."""
    return tuple(dict.fromkeys(r.category for r in all_rules() if r.category is not None))


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
    ambiguous: bool = False  # careful labellers could disagree: scored apart


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
    family: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    label: str
    category: str | None
    hard_negative: bool
    section: str | None
    must_keep: tuple[str, ...] = ()
    family: str | None = None
    source: str | None = None
    ambiguous: bool = False


@dataclass(frozen=True)
class ActionItemCase:
    id: str
    text: str
    label: str
    owner: str | None
    form: str
    family: str | None = None
    source: str | None = None
    ambiguous: bool = False


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
    split: str  # fixtures: dev | test; a --data directory: its part, all | dev | held
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
    try:
        text = md.read_text(encoding="utf-8")
        labels = yaml.safe_load(labels_path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise FixtureError(f"{labels_path.name}: invalid YAML ({exc})") from None
    except UnicodeDecodeError:
        raise FixtureError(f"{md.name}: not UTF-8") from None
    where = labels_path.name
    if not isinstance(labels, dict):
        raise FixtureError(f"{where}: not a mapping of labels")

    def quotes(key: str) -> tuple[Quote, ...]:
        out = []
        for i, item in enumerate(labels.get(key) or []):
            start, end = _locate(text, item["quote"], f"{where} {key}[{i}]")
            owner = item.get("owner")
            out.append(Quote(item["quote"], start, end, item.get("category"), item.get("label"),
                             None if owner is None else bool(owner), tuple(item.get("must_keep") or ()),
                             bool(item.get("ambiguous"))))
        return tuple(out)

    return Postmortem(
        id=str(labels.get("id") or md.stem), path=md, text=text, split=str(labels.get("split")),
        kind=str(labels.get("kind")), style=str(labels.get("style")), tone=str(labels.get("tone")),
        structure=dict(labels.get("structure") or {}), blame=quotes("blame"),
        hard_negatives=quotes("hard_negatives"), action_items=quotes("action_items"),
        family=labels.get("family") or family_of(labels.get("source")), source=labels.get("source"),
    )


def _jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        raise FixtureError(f"missing fixture file {path}")
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise FixtureError(f"{path.name}: not UTF-8") from None
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise FixtureError(f"{path.name}:{n}: invalid JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise FixtureError(f"{path.name}:{n}: a row must be a JSON object")
            rows.append(row)
    return rows


def sentence_of(r: dict) -> Sentence:
    return Sentence(str(r["id"]), r["text"], r["label"], r.get("category"), bool(r.get("hard_negative")),
                    r.get("section"), tuple(r.get("must_keep") or ()), r.get("family"), r.get("source"),
                    bool(r.get("ambiguous")))


def action_item_of(r: dict) -> ActionItemCase:
    return ActionItemCase(str(r["id"]), r["text"], r["label"], r.get("owner"), r.get("form") or "list",
                          r.get("family"), r.get("source"), bool(r.get("ambiguous")))


def regression_of(r: dict) -> RegressionCase:
    return RegressionCase(str(r["id"]), r["kind"], r["text"], r["expect"], r.get("reason", ""))


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
        data.sentences = [sentence_of(r) for r in _jsonl(root / "sentences" / f"{split}.jsonl")]
        data.action_items = [action_item_of(r) for r in _jsonl(root / "action_items" / f"{split}.jsonl")]
        data.regression = [regression_of(r) for r in _jsonl(root / "regression" / "cases.jsonl")]
    except KeyError as exc:
        raise FixtureError(f"fixture row without required key {exc}") from None
    return data


def data_files(root: Path) -> dict[str, list[Path]]:
    """The labelled files of a --data directory, by kind, in a stable order."""
    def found(kind: str) -> list[Path]:  # `kind*.jsonl`, or any .jsonl in a folder named `kind` (fixtures layout)
        return sorted(p for p in root.rglob("*.jsonl") if p.is_file()
                      and (p.name.startswith(kind) or p.parent.name == kind))

    docs = sorted(md for md in root.rglob("*.md") if md.with_name(md.stem + ".labels.yaml").is_file())
    return {"documents": docs, "sentences": found("sentences"), "action_items": found("action_items"),
            "regression": found("regression")}


def load_data(root: Path, part: str = "all") -> Dataset:
    """Everything labelled under `root`, restricted to one part of the organisation split."""
    if part not in PARTS:
        raise FixtureError(f"unknown part {part!r} (use {', '.join(PARTS)})")
    if not root.is_dir():
        raise FixtureError(f"--data {root}: not a directory")
    files = data_files(root)
    if not any(files.values()):
        raise FixtureError(f"--data {root}: no labelled data (sentences*.jsonl, action_items*.jsonl, "
                           f"or <name>.md with <name>.labels.yaml)")

    def keep(source: str | None) -> bool:
        return part == "all" or part_of(source) == part

    data = Dataset(root=root, split=part)
    try:
        data.postmortems = [pm for pm in map(load_postmortem, files["documents"]) if keep(pm.source)]
        data.sentences = [s for p in files["sentences"] for s in map(sentence_of, _jsonl(p)) if keep(s.source)]
        data.action_items = [a for p in files["action_items"] for a in map(action_item_of, _jsonl(p))
                             if keep(a.source)]
        data.regression = [regression_of(r) for p in files["regression"] for r in _jsonl(p)]
    except (KeyError, TypeError) as exc:
        raise FixtureError(f"--data {root}: a row without a required field ({exc})") from None
    check_labels(data)
    return data


def check_labels(data: Dataset) -> None:
    """Labels the scorers know: an unknown label is a harness error, not a silent zero."""
    categories = set(blame_categories())
    for s in data.sentences:
        if s.label not in ("blame", "neutral"):
            raise FixtureError(f"sentence {s.id}: label {s.label!r} (use blame or neutral)")
        if s.category is not None and s.category not in categories:
            raise FixtureError(f"sentence {s.id}: unknown blame category {s.category!r}")
    for a in data.action_items:
        if a.label not in ACTION_LABELS:
            raise FixtureError(f"action item {a.id}: unknown label {a.label!r} (use {', '.join(ACTION_LABELS)})")
    for pm in data.postmortems:
        for q in pm.blame:
            if q.category is not None and q.category not in categories:
                raise FixtureError(f"{pm.path.name}: unknown blame category {q.category!r}")
        for q in pm.action_items:
            if q.label not in ACTION_LABELS:
                raise FixtureError(f"{pm.path.name}: unknown action-item label {q.label!r}")


def dataset_version(root: Path = FIXTURES) -> str:
    """sha256 over every fixture data file (path + bytes), README excluded; first 16 hex digits."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".md", ".yaml", ".jsonl")
                       and p.name != "README.md" and ".git" not in p.relative_to(root).parts):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def coarse(label: str) -> str:
    """Gold/fine action label -> the rules' coarse space: 'reminder-like' | 'not-reminder'."""
    return "reminder-like" if label in WEAK_LABELS else "not-reminder"
