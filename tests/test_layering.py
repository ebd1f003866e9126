"""The apps form layers: no import circle between them (every import is read, including
those inside functions). ops and core are the bottom: they import no content app.

    ops, core  <-  feedback, comments  <-  base  <-  webinars  <-  cases, articles
    <-  search, home  <-  demo   (cms, the project, imports them all)"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Every app of the project (a folder with an apps.py), so a new app is checked from its start,
# ops, the infrastructure package that is no app, and cms, the project that imports them all.
APPS = sorted(path.parent.name for path in ROOT.glob("*/apps.py")) + ["ops", "cms"]


def imported_apps(app: str) -> set[str]:
    found = set()
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            found.update(name.split(".")[0] for name in names)
    return (found & set(APPS)) - {app}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, path = [], []

    def visit(app):
        if app in path:
            found.append([*path[path.index(app) :], app])
            return
        path.append(app)
        for other in sorted(graph[app]):
            visit(other)
        path.pop()

    for app in graph:
        visit(app)
    return found


def test_no_import_circle_between_apps():
    graph = {app: imported_apps(app) for app in APPS}
    assert cycles(graph) == [], graph


def test_infrastructure_imports_no_content_app():
    assert imported_apps("ops") == set()
    assert imported_apps("core") <= {"ops"}


def test_no_app_imports_the_project():
    assert [app for app in APPS if "cms" in imported_apps(app)] == []
