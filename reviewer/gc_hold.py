"""Cyclic garbage collection held off while pmreview loads.

Importing the modules and loading the rules, word lists and patterns allocates a few hundred
thousand objects that live as long as the process. The collector walked them ~45 times in a
one-file `pmreview check` (~10-20 ms, more on a loaded machine) and freed nothing.

- `while_importing()`: no collections inside the block (reviewer's own imports); the
  collector's state is restored after it, so a program importing reviewer is not changed.
- `hold()` / `loaded()`: for the CLI's own process. `hold()` stops collections at start-up;
  `loaded()`, once the first review has loaded everything, moves all that to the permanent
  generation (gc.freeze) and turns collections back on, so a corpus run still collects each
  file's garbage without walking the rules again. `loaded()` does nothing unless `hold()` held
  them: a long-lived caller (the editor server, the eval harness) never has its garbage frozen.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_held = False


@contextmanager
def while_importing() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def hold() -> None:
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def loaded() -> None:
    global _held
    if _held:
        gc.freeze()
        gc.enable()
        _held = False
