"""The production web server: granian serving cms.wsgi, every setting from the environment
(README, "Web server and workers"; deploy/skl.env).

    python -m ops.serve
"""

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
    if hasattr(os, "sched_getaffinity"):  # Linux: the cores this container may use
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def logging_config(access_log: bool) -> dict:
    """JSON lines on stdout; granian sets its own logger's level (LOG_LEVEL)."""
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
        "loggers": {"granian.access": {"level": "INFO" if access_log else "WARNING"}},
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


def main():
    host = os.environ.get("WEB_HOST", "0.0.0.0")  # noqa: S104 - inside the container
    port = env_int("PORT", 8000)
    refuse_a_taken_port(host, port)
    level = os.environ.get("LOG_LEVEL", "info").lower()
    access_log = os.environ.get("WEB_ACCESS_LOG", "1") != "0"
    server = Granian(
        "cms.wsgi:application",
        interface=Interfaces.WSGI,
        address=host,
        port=port,
        # One process more than cores: it uses the time threads spend handing the GIL around.
        workers=env_int("WEB_CONCURRENCY", cores() + 1),
        blocking_threads=env_int("WEB_THREADS", 4),
        # Keep-alive towards the load balancer; idle connections are closed by the balancer.
        http1_settings=HTTP1Settings(keep_alive=True),
        log_level=LogLevels(level),
        log_dictconfig=logging_config(access_log),
        log_access=access_log,
        log_access_format=ACCESS_LOG_FORMAT,
        respawn_failed_workers=True,
        workers_max_rss=env_int("WEB_MAX_RSS_MB", 512),
        workers_kill_timeout=env_int("WEB_GRACEFUL_TIMEOUT", 30),
    )
    server.serve()


if __name__ == "__main__":
    main()
