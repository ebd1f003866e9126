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
            # granian's access-log atoms (granian/log.py); `_h0` is the user agent, the header
            # ops.serve.ACCESS_LOG_FORMAT asks for.
            atoms = record.args
            entry.update(
                method=atoms["method"],
                path=atoms["path"],
                status=atoms["status"],
                duration_ms=round(atoms["dt_ms"], 1),
                user_agent=None if atoms.get("_h0", "-") == "-" else atoms["_h0"],
                message=f"{atoms['method']} {atoms['path']} {atoms['status']}",
            )
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
