"""The harness's own layering: no import cycles inside evals/, report writers never import the
harness, no module over 450 lines, and the LLM package never imports the harness."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVALS = ROOT / "evals"


def _module(path: Path) -> str:
    parts = path.relative_to(EVALS).with_suffix("").parts
    parts = parts[:-1] if parts[-1] == "__init__" else parts
    return ".".join(("reviewer.evals", *parts))


def _graph() -> dict[str, set[str]]:
    modules = {_module(p): p for p in EVALS.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            deps |= {t for t in targets if t in modules and t != name}
        graph[name] = deps
    return graph


def test_no_import_cycles_in_the_harness():
    graph = _graph()
    # a package's __init__ re-exporting its own modules is not a cycle of meaning: leave those edges out
    edges = {m: {d for d in deps if not (m.count(".") < d.count(".") and d.startswith(m + "."))}
             for m, deps in graph.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for dep in edges[node]:
            if state.get(dep) == 1:
                raise AssertionError("import cycle: " + " -> ".join(stack[stack.index(dep):] + [dep]))
            if dep not in state:
                visit(dep)
        stack.pop()
        state[node] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module)


def test_report_writers_do_not_import_the_harness():
    for module, deps in _graph().items():
        if module.startswith("reviewer.evals.report"):
            assert "reviewer.evals.harness" not in deps, module


def test_no_module_over_450_lines():
    """Small modules with one job: the package and the harness (scripts and tests are free)."""
    for path in [*EVALS.rglob("*.py"), *(ROOT / "reviewer").rglob("*.py")]:
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 450, path


def test_the_llm_package_never_imports_the_harness():
    for path in (ROOT / "reviewer" / "llm").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "reviewer.evals" not in text and "from evals" not in text, path
