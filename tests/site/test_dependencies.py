"""Every package the code imports at run time is declared in pyproject.toml.

A plain install (``pip install .``, no extras) brings only ``[project] dependencies``
and what they happen to pull in. An import of a package only the test extra brings
(pandas once, in the linkage engine's record builder) works in every developer's
venv and fails for users. This reads every module under src/homecoming, collects the
imports that run (not those under ``if TYPE_CHECKING:``, nor those guarded by an
``ImportError`` handler or ``contextlib.suppress(ImportError)``) and checks each
third-party one against the declared dependencies.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "homecoming"


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {
        _normal(re.split(r"[\[<>=!~; ]", dep, maxsplit=1)[0])
        for dep in project["dependencies"]
    }


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Is ``node`` under ``if TYPE_CHECKING``, ``try/except ImportError`` or
    ``with contextlib.suppress(ImportError)``?"""
    child, parent = node, parents.get(node)
    while parent is not None:
        if isinstance(parent, ast.If) and "TYPE_CHECKING" in ast.unparse(parent.test):
            return True
        if isinstance(parent, ast.Try) and child in parent.body:
            for handler in parent.handlers:
                caught = ast.unparse(handler.type) if handler.type else ""
                if "ImportError" in caught or "ModuleNotFoundError" in caught:
                    return True
        if isinstance(parent, ast.With) and any(
            "suppress(ImportError)" in ast.unparse(item.context_expr)
            for item in parent.items
        ):
            return True
        child, parent = parent, parents.get(parent)
    return False


def _imported_at_run_time() -> dict[str, list[str]]:
    """Top-level module name -> the files that import it at run time."""
    found: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        parents = {
            child: node
            for node in ast.walk(tree)
            for child in ast.iter_child_nodes(node)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            if _guarded(node, parents):
                continue
            for name in names:
                found.setdefault(name.split(".")[0], []).append(
                    str(path.relative_to(ROOT))
                )
    return found


def test_every_third_party_import_is_a_declared_dependency():
    declared = _declared()
    distributions = packages_distributions()
    undeclared = {}
    for module, files in _imported_at_run_time().items():
        if module in sys.stdlib_module_names or module in ("homecoming", "__future__"):
            continue
        owners = {_normal(d) for d in distributions.get(module, [module])}
        if not owners & declared:
            undeclared[module] = sorted(set(files))
    assert not undeclared, (
        f"imported but not declared in [project] dependencies: {undeclared}"
    )


def test_the_check_sees_an_undeclared_import_in_the_engine():
    # the checker itself: pandas is not a dependency, and an unguarded import of it
    # would be reported (it is a test-extra package)
    assert "pandas" not in _declared()
    source = "def f():\n    import pandas\n"
    tree = ast.parse(source)
    parents = {
        child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)
    }
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import)]
    assert not _guarded(imports[0], parents)
    guarded = (
        "import contextlib\nwith contextlib.suppress(ImportError):\n    import pandas\n"
    )
    tree = ast.parse(guarded)
    parents = {
        child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)
    }
    imports = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Import) and n.names[0].name == "pandas"
    ]
    assert _guarded(imports[0], parents)
