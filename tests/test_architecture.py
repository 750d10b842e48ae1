"""The layout holds: analytics/ has no import cycles and no Streamlit, and docs/ARCHITECTURE.md lists
exactly the modules that exist."""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT

ANALYTICS = ROOT / "analytics"


def module_name(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, ast.Module]:
    """analytics module name -> its parsed source."""
    return {module_name(p): ast.parse(p.read_text(encoding="utf-8")) for p in sorted(ANALYTICS.rglob("*.py"))}


def imported(tree: ast.Module, names: set[str]) -> set[str]:
    """The analytics modules `tree` imports (`from analytics import x` counts as analytics.x), at any
    depth (imports inside functions included) except under `if TYPE_CHECKING:`."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return {n for n in found if n in names}


def graph() -> dict[str, set[str]]:
    """analytics module -> the analytics modules it imports, leaving out its own parent packages (Python
    runs a package's __init__ before its modules, so that edge is not a cycle that can break)."""
    trees = modules()
    names = set(trees)
    return {name: {d for d in imported(tree, names) if d != name and not name.startswith(d + ".")}
            for name, tree in trees.items()}


def cycle(edges: dict[str, set[str]]) -> list[str]:
    """One import cycle as a path (first == last), or [] when there is none."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for dep in sorted(edges.get(node, ())):
            if state.get(dep) == 1:
                return [*stack[stack.index(dep):], dep]
            if dep not in state and (found := visit(dep)):
                return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_cycle_finder_finds_a_cycle() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) == []


def test_analytics_has_no_import_cycles() -> None:
    assert cycle(graph()) == []


def test_analytics_imports_no_streamlit() -> None:
    for name, tree in modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not any(a.name.split(".")[0] == "streamlit" for a in node.names), name
            elif isinstance(node, ast.ImportFrom):
                assert (node.module or "").split(".")[0] != "streamlit", name


def documented() -> set[str]:
    """Module paths in the architecture doc's code blocks, e.g. "analytics/ingest/dates.py": a name ending in
    .py (or a folder ending in /) within the first 12 columns, its folder from the lines above."""
    doc = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    found: set[str] = set()
    folders: list[tuple[int, str]] = []
    for line in "\n".join(doc.split("```")[1::2]).splitlines():
        m = re.match(r"^( {0,11})([\w./]+)(?:\s|$)", line)
        if not m:
            continue
        indent, word = len(m.group(1)), m.group(2)
        while folders and folders[-1][0] >= indent:
            folders.pop()
        path = "".join(f for _, f in folders) + word
        if word.endswith("/"):
            folders.append((indent, word))
        elif word.endswith(".py") and path.startswith("analytics/"):
            found.add(path)
    return found


def test_architecture_doc_lists_every_analytics_module() -> None:
    actual = {str(p.relative_to(ROOT)) for p in ANALYTICS.rglob("*.py")
              if p.name not in ("__init__.py", "__main__.py")}
    listed = documented()
    assert sorted(actual - listed) == [], "modules missing from docs/ARCHITECTURE.md"
    assert sorted(listed - actual) == [], "docs/ARCHITECTURE.md lists modules that do not exist"
