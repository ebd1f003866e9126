"""The web server refuses to start on a port another server already listens on (issue #27):
granian's SO_REUSEPORT would otherwise let both answer side by side."""

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_server_on_a_taken_port_stops_with_a_clear_message():
    with socket.socket() as first:
        first.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        first.bind(("127.0.0.1", 0))
        first.listen()
        port = first.getsockname()[1]
        env = {**os.environ, "WEB_HOST": "127.0.0.1", "PORT": str(port)}
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "ops.serve"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode != 0
    assert f"Port {port} on 127.0.0.1 is already in use" in result.stderr


def test_a_free_port_passes_the_check():
    from ops.serve import refuse_a_taken_port

    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    refuse_a_taken_port("127.0.0.1", port)
