"""Over HTTP: the production web server, wrk (Debian's, installed when missing) and the CPU.
Servers run in their own process group, so their CPU (and that of their PostgreSQL connections,
found by application_name) is counted."""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

WRK_SCRIPT = Path(__file__).with_name("wrk.lua")


def ensure_wrk():
    if not shutil.which("wrk"):
        print("Installerar wrk (apt-get) ...", flush=True)
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run([*sudo, "apt-get", "install", "-y", "-q", "wrk"], check=True, env=env)  # noqa: S603


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=180):
    """Return once `url` answers 200 (workers boot slowly on a busy machine)."""
    deadline = time.time() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=60):  # noqa: S310 - a local server
                return
        except OSError as error:  # refused, timed out, or an HTTP error status
            if time.time() > deadline:
                raise SystemExit(f"{url} svarade inte inom {seconds} s ({error})") from error
        time.sleep(1)


class Server:
    """The production web server (ops/serve.py) with the production settings and no response
    cache, in its own process group; its database connections are named `application_name`."""

    def __init__(self, workdir, application_name):
        self.application_name = application_name
        # The production settings' static files (hashed names: pages need the manifest).
        static = workdir / "static_collected"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "ALLOWED_HOSTS": "127.0.0.1",
            "STATIC_ROOT": str(static),
        }
        if not static.exists():
            collect = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
            subprocess.run(collect, cwd=ROOT, check=True, env={**env, "SECRET_KEY": "static"})  # noqa: S603
        port = free_port()
        env |= {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "SECURE_SSL_REDIRECT": "false",
            "DEBUG": "false",
            "FRONTEND_CACHE_SECONDS": "0",
            "VARNISH_URLS": "",
            "RATE_LIMIT_SCALE": "1000000",
            "WEB_ACCESS_LOG": "0",
            "LOG_LEVEL": "WARNING",
            "WEB_HOST": "127.0.0.1",
            "PORT": str(port),
        }
        self.start([sys.executable, "-m", "ops.serve"], ROOT, env, workdir, port)

    def start(self, command, cwd, env, workdir, port):
        self.url = f"http://127.0.0.1:{port}"
        self.log = open(workdir / f"server-{port}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            command,
            cwd=cwd,
            # libpq names the server's PostgreSQL connections, so that their CPU is counted too.
            env={**env, "PGAPPNAME": self.application_name},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for(f"{self.url}/")
        except SystemExit:
            self.stop()
            raise

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def cpu(self, app=True, database=True):
        """CPU seconds so far by pid of the server's processes and PostgreSQL connections
        (compared with `cpu_used`: a connection closed after CONN_MAX_AGE restarts from 0)."""
        connections = set()
        if database and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = %s",
                    [self.application_name],
                )
                connections = {row[0] for row in cursor.fetchall()}
        used = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:  # the fields after the command: state, ppid, process group, ...
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:  # the process has ended
                continue
            pid = int(stat.parent.name)
            if (app and int(fields[2]) == self.process.pid) or pid in connections:
                used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return used

    def settle(self, seconds=60):
        """Wait until the server's processes are idle (under 5 % of a core for half a second):
        the requests still queued when wrk stopped are worked off before the next row."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            before = self.cpu(database=False)
            time.sleep(0.5)
            if cpu_used(before, self.cpu(database=False)) < 0.025:
                return


def cpu_used(before, after):
    """CPU seconds between two readings of `Server.cpu`."""
    return sum(seconds - before.get(pid, 0) for pid, seconds in after.items())


def machine_cpu_times() -> list[int]:
    """The machine's CPU ticks so far (/proc/stat: user … idle, iowait, irq, softirq, steal)."""
    with open("/proc/stat") as stat:
        return [int(value) for value in stat.readline().split()[1:9]]


def idle_and_steal(before, after) -> tuple[float, float]:
    """The shares of the machine's CPU time between two readings that were idle, and stolen by
    the hypervisor (a run with much steal understates what the code can do)."""
    used = [b - a for a, b in zip(before, after, strict=True)]
    total = sum(used) or 1
    return (used[3] + used[4]) / total, used[7] / total


def run_wrk(url, args, seconds=None, **env):
    """wrk against `url` (wrk.lua reads BENCH_* from `env`): requests/s, latency, errors and
    the machine's idle CPU."""
    connections = args.connections
    cpu_before = machine_cpu_times()
    result = subprocess.run(  # noqa: S603
        [shutil.which("wrk") or "/usr/bin/wrk", f"-t{min(2, connections)}", f"-c{connections}"]
        + [f"-d{seconds or args.seconds}s", "--timeout", "10s", "-s", str(WRK_SCRIPT), url],
        capture_output=True,
        text=True,
        env={**os.environ, **{f"BENCH_{k.upper()}": v for k, v in env.items()}},
        check=True,
    )
    idle, steal = idle_and_steal(cpu_before, machine_cpu_times())
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    requests, duration_us, status_errors, socket_errors, p50, p99 = map(int, line.split()[1:])
    return {
        "idle": idle,
        "steal": steal,
        "rps": requests / (duration_us / 1e6),
        "requests": requests,
        "ok": requests - status_errors,
        "errors": status_errors + socket_errors,
        "p50": p50 / 1000,
        "p99": p99 / 1000,
    }
