"""Path converters for the site's URLs (registered where they are used, as Django's docs do)."""

from django.urls.converters import IntConverter

# The largest id a database row can have (a signed 64-bit integer). A larger number names no
# row, and SQLite cannot even compare it (an OverflowError, a 500).
MAX_ID = 2**63 - 1


class IdConverter(IntConverter):
    """`<id:…>`: as `<int:…>`, but a number no row can have matches no route (a 404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError  # Django's "no match"
        return number
