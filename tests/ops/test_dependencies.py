"""A reproducible install: every package the code imports is declared in pyproject.toml, and
each lock file (requirements/*.txt, made by requirements/compile.sh) pins every declared
package of its set, in range and with hashes, so `pip install --require-hashes` installs
exactly what was tested."""

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
LOCAL = {path.stem for path in ROOT.iterdir() if (path / "__init__.py").exists()} | {"manage"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)(?:\s*;([^\\]+))?")


def declared(*sets: str) -> dict[str, Requirement]:
    requirements = [Requirement(line) for line in PROJECT["dependencies"]]
    for name in sets:
        requirements += [Requirement(line) for line in PROJECT["optional-dependencies"][name]]
    return {canonicalize_name(requirement.name): requirement for requirement in requirements}


def imported_modules(paths) -> set[str]:
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
    return found - set(sys.stdlib_module_names) - LOCAL


def distributions(module: str) -> set[str]:
    return {canonicalize_name(name) for name in importlib.metadata.packages_distributions()[module]}


def locked(name: str) -> dict[str, tuple[str, int]]:
    """{package: (version, number of hashes)} of requirements/<name>.txt, for this Python."""
    pins, current = {}, None
    for line in (ROOT / "requirements" / f"{name}.txt").read_text().splitlines():
        if match := PIN.match(line):
            applies = not match[3] or Marker(match[3].strip()).evaluate()
            current = canonicalize_name(match[1]) if applies else None
            if current:
                pins[current] = (match[2], 0)
        elif line.strip().startswith("--hash=sha256:") and current:
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
    return pins


def test_every_package_the_code_imports_is_declared():
    app_code = [
        path
        for path in ROOT.glob("*/**/*.py")
        if path.parts[len(ROOT.parts)] in LOCAL - {"tests"} and "migrations" not in path.parts
    ]
    app_modules = imported_modules([*app_code, ROOT / "manage.py"])
    # Apps and middleware named only in the settings count as imports too.
    app_modules |= {name.split(".")[0] for name in settings.INSTALLED_APPS + settings.MIDDLEWARE}
    app_modules -= LOCAL
    allowed = set(declared("production"))
    missing = {module for module in app_modules if not distributions(module) & allowed}
    assert not missing, f"imported but not declared in pyproject.toml: {sorted(missing)}"

    test_modules = imported_modules((ROOT / "tests").rglob("*.py")) - app_modules
    allowed = set(declared("test"))
    missing = {module for module in test_modules if not distributions(module) & allowed}
    assert not missing, f"tests import undeclared packages: {sorted(missing)}"


@pytest.mark.parametrize("name", ["base", "test", "production"])
def test_lock_pins_every_declared_package_in_range_with_hashes(name):
    pins = locked(name)
    requirements = declared() if name == "base" else declared(name)
    for package, requirement in requirements.items():
        assert package in pins, f"{package} is missing from requirements/{name}.txt"
        version, hashes = pins[package]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"requirements/{name}.txt pins {package}=={version}, pyproject asks {requirement}"
        )
    unhashed = [package for package, (_version, hashes) in pins.items() if not hashes]
    assert not unhashed, f"pinned without a hash in requirements/{name}.txt: {unhashed}"


def test_the_installed_packages_are_the_locked_ones():
    """scripts/test.sh installs requirements/test.txt: what runs the tests is what is locked."""
    for package, (version, _hashes) in locked("test").items():
        installed = importlib.metadata.version(package)
        assert installed == version, f"{package} {installed} installed, {version} locked"
