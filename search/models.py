"""What people search for, counted per (day, language, words): never who searched, and with
personal data typed into the box (e-mail addresses, phone numbers, personnummer) masked."""

from contextlib import suppress

from django.db import DatabaseError, models, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query

from core.scrub import scrub_personal_data


class SearchTermDayQuerySet(models.QuerySet):
    def popular(self):
        return (
            self.values("terms")
            .annotate(total=Sum("searches"), without_results=Sum("searches_without_results"))
            .order_by("-total", "terms")
        )

    def without_results(self):
        return (
            self.filter(searches_without_results__gt=0)
            .values("terms")
            .annotate(total=Sum("searches_without_results"))
            .order_by("-total", "terms")
        )


class SearchTermDay(models.Model):
    day = models.DateField(_("dag"))
    language = models.CharField(_("språk"), max_length=8)
    terms = models.CharField(_("sökord"), max_length=200)
    searches = models.PositiveIntegerField(_("sökningar"), default=0)
    searches_without_results = models.PositiveIntegerField(_("sökningar utan träffar"), default=0)

    objects = SearchTermDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("sökord per dag")
        verbose_name_plural = _("sökord per dag")
        constraints = [
            models.UniqueConstraint(fields=["day", "language", "terms"], name="unique_search_day")
        ]
        indexes = [models.Index(fields=["day", "language"])]

    def __str__(self):
        return f"{self.day} {self.language}: {self.terms}"

    @classmethod
    def record(cls, terms: str, language: str, *, found: bool) -> None:
        """Count one search, per day and language here and in Wagtail's own search terms (the
        list "Välj från populära söktermer" when editors add a promotion). A failure to count
        never fails the search itself."""
        terms = scrub_personal_data(terms.lower())[:200]
        key = {"day": timezone.localdate(), "language": language, "terms": terms}
        increments = {"searches": F("searches") + 1}
        if not found:
            increments["searches_without_results"] = F("searches_without_results") + 1
        try:
            # One statement, atomic on its own: the day's row is usually there already.
            if not cls.objects.filter(**key).update(**increments):
                with transaction.atomic():
                    cls.objects.create(**key, searches=1, searches_without_results=int(not found))
        except DatabaseError:
            # Two first searches for the same words at once: count it on the row the other made.
            with suppress(DatabaseError), transaction.atomic():
                cls.objects.filter(**key).update(**increments)
        # A lost hit in a popularity list is not worth a failed search.
        with suppress(DatabaseError), transaction.atomic():
            Query.get(terms).add_hit()
