"""Write a corpus of realistic, synthetic postmortems for benchmarks.

    python scripts/gen_corpus.py OUT_DIR [--count 200] [--seed 7]

Each document mixes the shapes real postmortems have: front matter or a title, a summary,
an impact paragraph with numbers, a timeline (list or table, with and without timezones,
sometimes across two days), a root-cause narrative, lessons, and action items (tables,
checklists, prose commitments). Most sentences are neutral; a few carry blame or reminder-
style follow-ups so the rules have real work. All text is written here, from pools of our
own sentences, recombined by a seeded RNG: the same seed writes the same corpus.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

SERVICES = ["checkout-api", "ledger", "search-indexer", "auth gateway", "image resizer", "billing worker",
            "notification fan-out", "session store", "build farm", "edge proxy", "DNS resolver", "report exporter"]
SYSTEMS = ["PostgreSQL", "Redis", "Kafka", "the load balancer", "the CDN", "Kubernetes", "the job scheduler",
           "the feature-flag service", "Terraform", "the deploy pipeline", "etcd", "the object store"]
ROLES = ["the on-call engineer", "the release manager", "the incident commander", "a database engineer",
         "the platform team", "the support lead", "the reviewer"]
NAMES = ["Priya", "Tomasz", "Aiko", "Jonas", "Fatima", "Diego", "Mele", "Rosa"]
CAUSES = [
    "a configuration change raised the connection pool size beyond what {sys} accepts",
    "a certificate on {sys} expired because the renewal job had been failing silently",
    "a schema migration took an exclusive lock on a hot table in {sys}",
    "a retry storm from {svc} saturated {sys}",
    "a disk on the primary {sys} node filled with write-ahead logs",
    "a new release of {svc} changed the default timeout from 30 s to 3 s",
    "an autoscaling rule removed capacity faster than traffic fell",
    "a cache key change caused every request to miss and reach {sys}",
]
NEUTRAL = [
    "The deploy pipeline applied the change to all {n} regions within {mins} minutes.",
    "No alert fired because the error-rate monitor only covered the {svc} read path.",
    "The dashboard showed p99 latency rising to {ms} ms, but the paging threshold was set at {pct}% errors.",
    "Rollback took {mins} minutes because the previous {svc} image had been garbage-collected.",
    "Requests queued behind the lock on {sys} and timed out after {secs} seconds.",
    "The runbook for {svc} described the old cluster layout, so responders checked the wrong nodes first.",
    "Traffic shifted to the secondary region at {clock} and error rates recovered within {mins} minutes.",
    "The change to {svc} had passed review and the staging tests, which use a data set {n}x smaller.",
    "Customers in {region} saw failed requests to {svc} for {mins} minutes.",
    "{sys} reported the failure in its logs, which were not forwarded to the alerting system.",
    "We confirmed the fix by replaying {count} captured requests against the patched {svc} build.",
    "The on-call engineer followed the runbook and escalated to the {svc} owners at {clock}.",
    "Capacity planning for {svc} assumed a {n}x peak; the launch produced {n2}x.",
    "The incident was declared {mins} minutes after the first customer report.",
    "Connection counts on {sys} climbed from {count} to {count2} in under {mins} minutes.",
    "The health check on {svc} only tested that the process was listening, not that {sys} answered.",
    "At {clock} the error budget for {svc} was {pct}% spent for the month.",
    "A canary of {pct}% of hosts would have shown the fault before the full rollout of {svc}.",
    "The queue in front of {svc} grew to {count} messages and consumers fell {mins} minutes behind.",
    "{sys} failed over to the replica in {region} after {secs} seconds without losing writes.",
    "Support received {count} tickets about {svc} between {clock} and {clock2}.",
    "The feature flag for the new {svc} code path was enabled for {pct}% of tenants.",
    "Disk usage on the {sys} primary reached {pct}% at {clock}.",
    "The retry policy in {svc} doubled the load on {sys} within {secs} seconds.",
]
BLAME = [
    "{name} pushed the bad config for {svc} without testing it.",
    "The outage was caused by human error during the {sys} migration.",
    "The engineer should have checked the {svc} dashboard before deploying.",
    "This was a careless mistake that any senior engineer would have avoided.",
    "Obviously, the team should have known the certificate on {sys} was about to expire.",
    "{name} forgot to update the allow-list for {svc}.",
    "We mistakenly ran the cleanup script against the production {sys} cluster.",
    "{role} failed to follow the {svc} rollback procedure.",
    "{name} ignored the warning from {sys} at {clock}.",
]
ACTIONS_GOOD = [
    "Add a CI check that rejects {sys} pool sizes above {count} connections",
    "Alert when certificate renewal for {svc} fails {n} times in a row",
    "Require a lock-timeout of {secs} s on every {sys} migration (lint in the migration tool)",
    "Cap retries in {svc} at {n} with exponential backoff and a budget",
    "Keep the last {n} {svc} images available for rollback",
    "Page on error rate above {pct}% for {mins} minutes on the {svc} write path",
    "Load-test {svc} launches at {n}x the forecast peak before go-live",
    "Block deploys of {svc} while {sys} replication lag is above {secs} seconds",
    "Forward {sys} error logs to the alerting pipeline with a {mins}-minute window",
    "Make the {svc} health check query {sys} and fail after {secs} seconds",
    "Roll out {svc} changes to a {pct}% canary for {mins} minutes before the fleet",
    "Add a dry-run mode to the {sys} cleanup tool and make it the default",
]
ACTIONS_WEAK = [
    "Be more careful when changing {svc} production config",
    "Remind everyone to double-check {sys} migrations",
    "More training on the {svc} deploy pipeline",
    "Update the documentation for the {sys} failover procedure",
    "Engineers should pay closer attention to {svc} alerts",
]
REGIONS = ["the EU", "us-east", "Singapore", "Brazil", "eu-west-2", "Canada", "Australia"]


def _fill(rng: random.Random, text: str) -> str:
    # Numbers, clocks and names vary per use, as they do across a real collection: a corpus of
    # repeated sentences would flatter any cache keyed on text.
    count = rng.randint(200, 90000)
    return text.format(svc=rng.choice(SERVICES), sys=rng.choice(SYSTEMS), name=rng.choice(NAMES),
                       role=rng.choice(ROLES).capitalize() if text.startswith("{role}") else rng.choice(ROLES),
                       region=rng.choice(REGIONS), n=rng.randint(2, 9), n2=rng.randint(10, 40),
                       pct=rng.randint(1, 99), mins=rng.randint(2, 95), secs=rng.randint(3, 120),
                       ms=rng.randint(300, 9000), count=f"{count:,}", count2=f"{count * rng.randint(2, 9):,}",
                       clock=f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
                       clock2=f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}")


def _paragraph(rng: random.Random, n: int, blame_rate: float) -> str:
    out = []
    for _ in range(n):
        pool = BLAME if rng.random() < blame_rate else NEUTRAL
        out.append(_fill(rng, rng.choice(pool)))
    return " ".join(out)


def _timeline(rng: random.Random, day: date) -> str:
    minutes = sorted(rng.sample(range(0, 24 * 60), rng.randint(6, 14)))
    zone = rng.choice(["UTC", "UTC", "PST", ""])
    rows = []
    table = rng.random() < 0.3
    if table:
        rows += ["| Time | Event |", "|---|---|"]
    for m in minutes:
        stamp = f"{m // 60:02d}:{m % 60:02d}" + (f" {zone}" if zone else "")
        event = _fill(rng, rng.choice(NEUTRAL + BLAME[:1]))
        rows.append(f"| {stamp} | {event} |" if table else f"- {stamp} — {event}")
    return f"_{day.isoformat()}_\n\n" + "\n".join(rows)


def _actions(rng: random.Random) -> str:
    items = [_fill(rng, a) for a in rng.sample(ACTIONS_GOOD, rng.randint(2, 5))]
    if rng.random() < 0.5:
        items.append(_fill(rng, rng.choice(ACTIONS_WEAK)))
    owners = [rng.choice(NAMES) for _ in items]
    if rng.random() < 0.5:
        rows = ["| Action | Owner | Ticket |", "|---|---|---|"]
        rows += [f"| {a} | {o} | OPS-{rng.randint(100, 999)} |" for a, o in zip(items, owners, strict=True)]
        return "\n".join(rows)
    return "\n".join(f"- [ ] {a} (owner: {o}, due {rng.randint(1, 28)} March)" for a, o in zip(items, owners, strict=True))


def document(rng: random.Random, index: int) -> str:
    day = date(2023, 1, 1) + timedelta(days=rng.randint(0, 900))
    service = rng.choice(SERVICES)
    cause = _fill(rng, rng.choice(CAUSES))
    blame_rate = rng.choice([0.0, 0.0, 0.05, 0.15])
    parts = []
    if rng.random() < 0.4:
        parts.append(f"---\ntitle: {service} incident {index}\ndate: {day.isoformat()}\n---\n")
    parts.append(f"# Postmortem: {service} degradation on {day:%d %B %Y}\n")
    parts.append("## Summary\n\n" + f"Between 13:05 and 14:41 UTC, {cause}. " + _paragraph(rng, 4, blame_rate) + "\n")
    parts.append("## Impact\n\n" + f"{rng.randint(2, 60)}% of requests to {service} failed for "
                 f"{rng.randint(10, 180)} minutes; {rng.randint(100, 90000):,} customers were affected.\n")
    parts.append("## Timeline\n\n" + _timeline(rng, day) + "\n")
    parts.append("## Root cause\n\n" + "\n\n".join(_paragraph(rng, rng.randint(3, 6), blame_rate)
                                                   for _ in range(rng.randint(2, 4))) + "\n")
    if rng.random() < 0.6:
        parts.append("## What went well\n\n" + "\n".join(f"- {_fill(rng, rng.choice(NEUTRAL))}" for _ in range(3)) + "\n")
    parts.append("## Action items\n\n" + _actions(rng) + "\n")
    return "\n".join(parts)


def write_corpus(out: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = out / f"{i:05d}-postmortem.md"
        path.write_text(document(rng, i), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.count, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} files, {size / 1e6:.2f} MB, to {args.out}")


if __name__ == "__main__":
    main()
