"""JSON lines for production logs: `time` (UTC), `level`, `logger`, `message`, `exc` and, for
Django's request errors, `status` and `path`. granian's access log becomes `method`, `path`,
`status`, `duration_ms` and `user_agent`: no client address, no query string (search terms)."""

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
        if record.name == "granian.access" and isinstance(record.args, dict):
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
    """granian passes its access-log atoms as the record's args (see granian.log); the user
    agent is the first header ops.serve.ACCESS_LOG_FORMAT asks for."""
    try:
        status = int(atoms.get("status"))
    except (TypeError, ValueError):
        status = None
    duration = atoms.get("dt_ms")
    user_agent = atoms.get("_h0")
    return {
        "method": atoms.get("method"),
        "path": atoms.get("path"),
        "status": status,
        "duration_ms": round(duration, 1) if isinstance(duration, int | float) else None,
        "user_agent": None if user_agent in (None, "-") else user_agent,
    }
