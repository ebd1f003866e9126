"""The TypeScript client (issue #24): openapi-typescript generates types from the OpenAPI
document the API serves, and `tsc --strict` compiles them with a small typed usage file
(typescript/usage.ts) that reads an episode, a page's body blocks and a problem.

Both come from npm (package.json; scripts/test.sh runs `npm ci`). Skipped only where node is
missing, never on CI (CI=1)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import API

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / "node_modules" / ".bin"
USAGE = Path(__file__).parent / "typescript" / "usage.ts"
TSC_OPTIONS = ["--strict", "--noEmit", "--target", "es2022", "--module", "es2022"]
TSC_OPTIONS += ["--moduleResolution", "bundler", "--lib", "es2022,dom"]


def run(*command):
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603
    assert result.returncode == 0, f"{command[0]}:\n{result.stdout}\n{result.stderr}"


def test_generated_typescript_client_compiles_strictly(client, db, tmp_path):
    if shutil.which("node") is None:
        if os.environ.get("CI"):
            pytest.fail("node saknas (apt-get install nodejs npm)")
        pytest.skip("node is missing")
    if not (BIN / "openapi-typescript").exists() or not (BIN / "tsc").exists():
        pytest.fail("openapi-typescript och typescript saknas: kör scripts/test.sh (npm ci).")
    document = tmp_path / "openapi.json"
    document.write_bytes(client.get(f"{API}/openapi.json").content)
    run(str(BIN / "openapi-typescript"), str(document), "-o", str(tmp_path / "schema.d.ts"))
    shutil.copy(USAGE, tmp_path / "usage.ts")
    run(str(BIN / "tsc"), *TSC_OPTIONS, str(tmp_path / "usage.ts"))
