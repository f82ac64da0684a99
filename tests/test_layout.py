"""The layout holds: apps depend in one direction only (accounts ← live ← panels ← ideas ←
cms), and a capability lives in a package of its own rather than in prefixed modules."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Each app, and the apps it must never import (directly or lazily, inside a function).
FORBIDDEN = {
    "accounts": {"live", "panels", "ideas", "cms"},
    "live": {"panels", "ideas", "cms"},
    "panels": {"ideas", "cms"},
    "ideas": {"cms"},
}
MAX_TOP_LEVEL_MODULES = 15
PREFIXES_THAT_WANT_A_PACKAGE = ("survey_", "room_", "response", "dashboard")


def python_files(app):
    return [path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts]


def imported_apps(path):
    apps = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            apps |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            apps.add(node.module.split(".")[0])
    return apps


@pytest.mark.parametrize("app", FORBIDDEN)
def test_an_app_imports_nothing_above_it(app):
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) & FORBIDDEN[app])
        for path in python_files(app)
        if imported_apps(path) & FORBIDDEN[app]
    }
    assert not wrong


@pytest.mark.parametrize("app", ["ideas", "panels"])
def test_an_apps_top_level_stays_small(app):
    modules = sorted(path.name for path in (ROOT / app).glob("*.py"))
    assert len(modules) <= MAX_TOP_LEVEL_MODULES, modules
    assert not [name for name in modules if name.startswith(PREFIXES_THAT_WANT_A_PACKAGE)]


def test_every_package_says_what_it_holds():
    packages = [
        "live",
        "panels/meetings",
        "panels/surveys",
        "panels/surveys/series",
        "panels/workshops",
        "panels/workshops/views",
        "panels/walks",
        "panels/segments",
        "panels/pool",
        "panels/pool/calls",
        "panels/trainings",
        "panels/places",
        "ideas/feedback",
        "ideas/origins",
        "ideas/service_feedback",
        "accounts/follows",
        "accounts/qualifications",
        "cms/experiments",
        "cms/statistics",
        "cms/frontpage",
        "cms/statement",
        "cms/search",
        "cms/api",
    ]
    for package in packages:
        docstring = ast.get_docstring(ast.parse((ROOT / package / "__init__.py").read_text()))
        assert docstring, package


def project_modules():
    modules = {}
    for app in [*FORBIDDEN, "cms"]:
        for path in python_files(app):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules[name] = path
    return modules


def import_graph(modules):
    """Which project module imports which, at any depth of the code (lazy imports count)."""
    graph = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
                module = module if node.level else node.module
                targets = [module, *(f"{module}.{alias.name}" for alias in node.names)]
            else:
                continue
            graph[name] |= {target for target in targets if target in modules} - {name}
    return graph


def test_no_module_imports_itself_through_others():
    graph = import_graph(project_modules())
    circles = set()
    for start in graph:
        # Depth-first from each module; a path back to it is a circle.
        stack = [(start, (start,))]
        while stack:
            node, path = stack.pop()
            for following in graph[node]:
                if following == start:
                    circles.add(frozenset(path))
                elif following not in path and len(path) < 8:
                    stack.append((following, (*path, following)))
    assert not circles, [sorted(circle) for circle in circles]
