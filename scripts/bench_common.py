"""What the editor and page benchmarks share: the 1,000-line draft they time, and percentiles."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_document(lines: int) -> str:
    """Our fixture postmortems, concatenated and cut to `lines` lines."""
    out: list[str] = []
    for path in sorted((ROOT / "fixtures" / "postmortems").glob("*.md")):
        out.extend(path.read_text(encoding="utf-8").splitlines())
        out.append("")
        if len(out) >= lines:
            break
    if len(out) < lines:
        raise SystemExit(f"fixtures give only {len(out)} lines")
    return "\n".join(out[:lines]) + "\n"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)
