"""gunicorn settings for production, all from the environment:

    gunicorn cms.wsgi        (gunicorn reads ./gunicorn.conf.py by itself)

Workers. `WEB_CONCURRENCY` processes (default 2 × cores + 1, gunicorn's own advice: while one
worker waits on PostgreSQL or Redis another uses the core), each with `GUNICORN_THREADS`
threads (default 2, the gthread worker). One app server therefore holds up to
workers × threads database connections: 5 × 2 = 10 on a 2-core machine; keep the sum over all
app servers below PostgreSQL's `max_connections` (100 by default) or put PgBouncer in front.
A worker uses about 150–200 MB; lower `WEB_CONCURRENCY` on small machines.

Logs go to stdout as JSON lines (ops/log_format.py), the access log included (method, path,
status, bytes, duration; no client address, no query string)."""

import os


def _env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _cores():
    try:
        return len(os.sched_getaffinity(0))  # the cores this container may use
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


wsgi_app = "cms.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{_env_int('PORT', 8000)}")
workers = _env_int("WEB_CONCURRENCY", 2 * _cores() + 1)
worker_class = "gthread"
threads = _env_int("GUNICORN_THREADS", 2)
# A request taking longer than this is stuck: the worker is restarted.
timeout = _env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Keep-alive between the load balancer and gunicorn; keep it above the balancer's idle timeout
# when the balancer reuses connections (e.g. 75 behind an AWS ALB's 60).
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then so a slow leak never grows large; jitter avoids all at once.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", 100)
# The proxy in front terminates TLS; trust its X-Forwarded-* headers from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Heartbeat files in memory, not on a possibly slow (container) disk: gunicorn's own advice.
if os.path.isdir("/dev/shm"):  # noqa: S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108

loglevel = os.environ.get("LOG_LEVEL", "info").lower()
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "1") != "0" else None
logconfig_dict = {
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
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["stdout"], "propagate": False},
        "gunicorn.access": {
            "level": "INFO" if accesslog else "WARNING",
            "handlers": ["stdout"],
            "propagate": False,
        },
    },
}
