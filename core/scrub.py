"""Removes personal data visitors type despite being asked not to (feedback and comment texts,
search terms): e-mail addresses, phone numbers and Swedish personal identity numbers."""

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# YYMMDD-NNNN, YYMMDD+NNNN, YYYYMMDDNNNN, YYYYMMDD-NNNN (also samordningsnummer: day + 60).
PERSONNUMMER = re.compile(
    r"(?<!\d)(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])"
    r"[-+ ]?\d{4}(?!\d)"
)
# Swedish and international numbers: 08-406 84 44, 070-123 45 67, +46 70 123 45 67, 0701234567.
PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s-]?(?:\(0\))?[\s-]?|0)\d{1,3}(?:[\s-]?\d){5,10}(?!\d)"
)

REPLACEMENTS = [
    (EMAIL, "[e-postadress borttagen]"),
    # Numbers starting with 0 are far more often phone numbers (070-...) than personnummer of
    # people born 2000-2009; either way the digits are removed.
    (PHONE, "[telefonnummer borttaget]"),
    (PERSONNUMMER, "[personnummer borttaget]"),
]


def scrub_personal_data(text: str) -> str:
    for pattern, replacement in REPLACEMENTS:
        text = pattern.sub(replacement, text)
    return text
