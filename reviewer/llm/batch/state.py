"""The batch run's state file: which batches were submitted for which requests, so a killed run
resumes by polling them instead of paying for the same requests twice."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.atomic_file import write_atomically
from reviewer.errors import UsageError

VERSION = 1


@dataclass
class BatchRecord:
    id: str
    keys: list[str]
    status: str = "submitted"


@dataclass
class RunFile:
    path: Path
    identity: str
    batches: list[BatchRecord] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path, identity: str) -> RunFile:
        if not path.exists():
            return cls(path, identity)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != VERSION:
                raise ValueError("unknown version")
            batches = [BatchRecord(b["id"], list(b["keys"]), b.get("status", "submitted")) for b in data["batches"]]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise UsageError(f"--llm-batch-state {path}: not a pmreview batch state file ({exc})") from None
        if data.get("identity") != identity:  # another model's batches answer nothing here
            return cls(path, identity)
        return cls(path, identity, batches)

    def open_batch_for(self, key: str) -> BatchRecord | None:
        """A batch still worth polling that holds this request."""
        for record in self.batches:
            if record.status not in ("collected", "failed", "expired", "cancelled") and key in record.keys:
                return record
        return None

    def save(self) -> None:
        data = {"version": VERSION, "identity": self.identity,
                "batches": [{"id": b.id, "keys": b.keys, "status": b.status} for b in self.batches]}
        write_atomically(self.path, (json.dumps(data, indent=1) + "\n").encode("utf-8"))  # a kill mid-write leaves no half file
