import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.db import OperationalError, connection

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def closed_port() -> int:
    """A local port nothing listens on (bound once by us, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def terminate_backend(connection_params: dict, pid: int, seconds=10) -> None:
    """End a server connection as a restart does (pg_terminate_backend) and wait until the
    backend has closed it: the function only signals the backend."""
    with psycopg.connect(**connection_params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        deadline = time.monotonic() + seconds
        while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
            assert time.monotonic() < deadline, "the backend did not end"
            time.sleep(0.01)


@contextmanager
def database_down():
    """Every query fails as it does when PostgreSQL is unreachable (Django's execute hook)."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError('connection to server at "db" failed: Connection refused')

    with connection.execute_wrapper(refuse):
        yield


@pytest.fixture
def redis_down_cache():
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def wait_for_port(port: int, process: subprocess.Popen, what: str, seconds=60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert time.monotonic() < deadline and process.poll() is None, f"{what} did not start"
            time.sleep(0.1)


def require_nginx() -> None:
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail("nginx saknas: scripts/test.sh installerar Debians nginx")
        pytest.skip("nginx saknas (scripts/test.sh installerar det)")


@contextmanager
def nginx_in_front_of(app_url: str, workdir: Path, media_root: Path):
    """Real nginx with deploy/nginx/skl.conf (the ● lines pointed here) in front of `app_url`;
    yields the port it listens on."""
    require_nginx()
    port = closed_port()
    site = (ROOT / "deploy" / "nginx" / "skl.conf").read_text()
    site = site.replace("server 127.0.0.1:8000;", f"server {app_url.removeprefix('http://')};")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    site = site.replace("/srv/skl/media/", f"{media_root}/")
    (workdir / "nginx.conf").write_text(
        f"""
        user root;
        worker_processes 1;
        pid {workdir}/nginx.pid;
        error_log {workdir}/nginx-error.log;
        events {{ worker_connections 256; }}
        http {{
            access_log off;
            include /etc/nginx/mime.types;
            client_body_temp_path {workdir}/body;
            proxy_temp_path {workdir}/proxy;
            {site}
        }}
        """
    )
    nginx = subprocess.Popen(  # noqa: S603
        [NGINX, "-p", str(workdir), "-c", str(workdir / "nginx.conf"), "-g", "daemon off;"]
    )
    try:
        wait_for_port(port, nginx, "nginx", seconds=10)
        yield port
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
