"""The production web server: granian serving cms.wsgi, every setting from the environment.

    python -m ops.serve

granian handles HTTP in Rust: on the 2-core benchmark machine a trivial WSGI app answered
24,000 POSTs/s under it against 2,700/s under gunicorn's gthread workers. `WEB_CONCURRENCY`
processes (default cores + 1: the extra one uses the time threads spend handing the GIL around,
11–15 % more feedback POSTs than 2 on 2 cores) of `WEB_THREADS` threads (default 4) each, so an
app server holds up to workers × threads database connections: keep the sum over all servers
below PostgreSQL's `max_connections` or put PgBouncer in front. A worker past `WEB_MAX_RSS_MB`
(default 512) is replaced, a dead one restarted. Logs are JSON lines (ops/log_format.py),
`WEB_ACCESS_LOG=0` turns the access log off. granian has no per-request time limit: a stuck
request holds only its thread; Redis, locks and statements time out (cms/settings/base.py)."""

import os
import socket

from granian import Granian
from granian.constants import Interfaces
from granian.http import HTTP1Settings
from granian.log import LogLevels

# What the access log records: granian hands these to the `granian.access` logger as a dict,
# which ops.log_format.JsonFormatter turns into fields.
ACCESS_LOG_FORMAT = '%(method)s %(path)s %(status)d %(dt_ms).1f "%(header{user-agent})s"'


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def cores():
    try:
        return len(os.sched_getaffinity(0))  # the cores this container may use
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def logging_config(level: str, access_log: bool) -> dict:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "ops.log_format.JsonFormatter"}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            }
        },
        "root": {"level": "INFO", "handlers": ["stdout"]},
        "loggers": {
            "_granian": {"level": level, "handlers": ["stdout"], "propagate": False},
            "granian.access": {
                "level": "INFO" if access_log else "WARNING",
                "handlers": ["stdout"],
                "propagate": False,
            },
        },
    }


def refuse_a_taken_port(host: str, port: int) -> None:
    """Granian binds with SO_REUSEPORT, so a second server on a taken port would start and
    share the traffic with the first (an old and a new release side by side, silently). A
    probe bound without SO_REUSEPORT fails while anything listens there."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # A closed connection in TIME_WAIT after a restart is not a server: allow that.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise SystemExit(
                f"Port {port} on {host} is already in use ({error.strerror}): is another "
                "server running? Stop it first, or set PORT to a free port."
            ) from None


def host() -> str:
    return os.environ.get("WEB_HOST", "0.0.0.0")  # noqa: S104 - inside the container


def server() -> Granian:
    level = os.environ.get("LOG_LEVEL", "info").lower()
    access_log = os.environ.get("WEB_ACCESS_LOG", "1") != "0"
    return Granian(
        "cms.wsgi:application",
        interface=Interfaces.WSGI,
        address=host(),
        port=env_int("PORT", 8000),
        workers=env_int("WEB_CONCURRENCY", cores() + 1),
        blocking_threads=env_int("WEB_THREADS", 4),
        # Keep-alive towards the load balancer; idle connections are closed by the balancer.
        http1_settings=HTTP1Settings(keep_alive=True),
        log_level=LogLevels(level),
        log_dictconfig=logging_config(level.upper(), access_log),
        log_access=access_log,
        log_access_format=ACCESS_LOG_FORMAT,
        respawn_failed_workers=True,
        workers_max_rss=env_int("WEB_MAX_RSS_MB", 512),
        workers_kill_timeout=env_int("WEB_GRACEFUL_TIMEOUT", 30),
    )


if __name__ == "__main__":
    refuse_a_taken_port(host(), env_int("PORT", 8000))
    server().serve()
