"""The bounds core.api_params and core.converters put on ids and moments, whatever the database
(PostgreSQL answers an out-of-range id or year with no row; SQLite raised OverflowError)."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.urls import Resolver404, resolve

from core.api_params import as_utc


def test_an_id_no_row_can_have_matches_no_route():
    assert resolve(f"/webbinarier/kalender/{2**63 - 1}.ics").kwargs["episode_id"] == 2**63 - 1
    for number in (2**63, 10**19):
        with pytest.raises(Resolver404):
            resolve(f"/webbinarier/kalender/{number}.ics")


def test_moments_utc_cannot_hold_are_its_first_or_last():
    first = datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14)))
    assert as_utc(first) == datetime.min.replace(tzinfo=UTC)
    last = datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-14)))
    assert as_utc(last) == datetime.max.replace(tzinfo=UTC)
    assert as_utc(datetime(2026, 12, 8, 12)) == datetime(2026, 12, 8, 11, tzinfo=UTC)  # Stockholm
