"""JSON lines for production logs: one object per record on stdout, for the log collector.

Fields: `time` (UTC, ISO 8601), `level`, `logger`, `message`, `exc` (the traceback, when there
is one) and, for Django's request errors, `status` and `path`. gunicorn's access log
(`gunicorn.access`) becomes `method`, `path`, `status`, `bytes`, `duration_ms` and
`user_agent`: no client address and no query string (search terms), as elsewhere in the
project nothing personal is kept."""

import json
import logging
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry.update(access_fields(record.args))
            entry["message"] = f"{entry['method']} {entry['path']} {entry['status']}"
        else:
            entry["message"] = record.getMessage()
            status = getattr(record, "status_code", None)
            if status is not None:
                entry["status"] = status
            request = getattr(record, "request", None)
            if request is not None and hasattr(request, "path"):
                entry["path"] = request.path
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        elif record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def access_fields(atoms: dict) -> dict:
    """gunicorn passes its access-log atoms as the record's args (see gunicorn.glogging)."""

    def number(key):
        try:
            return int(atoms.get(key))
        except (TypeError, ValueError):
            return None

    duration_us = number("D")
    return {
        "method": atoms.get("m"),
        "path": atoms.get("U"),
        "status": number("s"),
        "bytes": number("B") or 0,
        "duration_ms": round(duration_us / 1000, 1) if duration_us is not None else None,
        "user_agent": atoms.get("a"),
    }
