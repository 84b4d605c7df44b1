"""The corpus view of the audit: totals, shares, trends by month, most frequent flagged phrasings."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from reviewer.audit.collect import DocumentFacts


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def summarise(docs: Sequence[DocumentFacts], required_sections: Sequence[str], top: int = 25) -> dict:
    reviewed = [d for d in docs if d.error is None]
    groups: Counter[str] = Counter()
    for d in reviewed:
        groups.update(d.by_group)
    items = sum(d.action_items for d in reviewed)
    reminders = sum(d.reminder_items for d in reviewed)
    unowned = sum(d.unowned_items for d in reviewed)
    words = sum(d.words for d in reviewed)
    phrases = Counter(p for d in reviewed for p in d.blame_phrases)
    missing = Counter(s for d in reviewed for s in d.missing_sections)
    complete = sum(1 for d in reviewed if not d.missing_sections)
    return {
        "documents": len(docs),
        "reviewed": len(reviewed),
        "not_reviewed": [{"path": d.path, "error": d.error} for d in docs if d.error is not None],
        "words": words,
        "findings_by_group": dict(sorted(groups.items())),
        "findings_per_1000_words": round(1000 * sum(groups.values()) / words, 2) if words else None,
        "action_items": items,
        "reminder_style_items": reminders,
        "reminder_share": _share(reminders, items),
        "items_without_one_owner": unowned,
        "without_one_owner_share": _share(unowned, items),
        "structure": {
            "complete_documents": complete,
            "complete_share": _share(complete, len(reviewed)),
            "missing_by_section": {s: missing.get(s, 0) for s in required_sections},
        },
        "top_flagged_phrasings": [{"phrase": p, "count": n} for p, n in phrases.most_common(top)],
        "trend_by_month": trend(reviewed),
        "undated_documents": sum(1 for d in reviewed if d.date is None),
    }


def trend(docs: Sequence[DocumentFacts]) -> list[dict]:
    """Per month (from each document's date): documents, blame per 1,000 words, reminder share."""
    months: dict[str, list[DocumentFacts]] = defaultdict(list)
    for d in docs:
        if d.date is not None:
            months[d.date.strftime("%Y-%m")].append(d)
    out = []
    for month in sorted(months):
        group = months[month]
        words = sum(d.words for d in group)
        blame = sum(d.by_group.get("BL", 0) + d.by_group.get("HR", 0) for d in group)
        items = sum(d.action_items for d in group)
        out.append({
            "month": month,
            "documents": len(group),
            "blame_per_1000_words": round(1000 * blame / words, 2) if words else None,
            "reminder_share": _share(sum(d.reminder_items for d in group), items),
            "complete_share": _share(sum(1 for d in group if not d.missing_sections), len(group)),
        })
    return out
