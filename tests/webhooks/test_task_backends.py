"""The tests' task backend: Wagtail's own background tasks (here the reference index) still
run at once inside the test, as they do through the worker in dev and production."""

import pytest
from wagtail.models import ReferenceIndex

from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.reference_index]


def test_wagtail_tasks_run_at_once_under_the_test_settings(settings, home):
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    case = factories.CaseStoryPageFactory(parent=factories.CaseIndexPageFactory(parent=home))
    assert ReferenceIndex.get_references_to(case.image).exists()
