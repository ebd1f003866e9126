"""What people search for, counted per day: never who searched.

One row per (day, language, words). Personal data that people type into the search box
(e-mail addresses, phone numbers, personnummer) is masked before the words are stored."""

from django.db import DatabaseError, models, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query

from core.scrub import scrub_personal_data


class SearchTermDayQuerySet(models.QuerySet):
    def since(self, day):
        return self.filter(day__gte=day)

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
        cls.count_day(terms, language, found=found)
        count_popular_term(terms)

    @classmethod
    def count_day(cls, terms: str, language: str, *, found: bool) -> None:
        key = {"day": timezone.localdate(), "language": language, "terms": terms}
        increments = {"searches": F("searches") + 1}
        if not found:
            increments["searches_without_results"] = F("searches_without_results") + 1
        try:
            # One statement, atomic on its own: the day's row is usually there already.
            if cls.objects.filter(**key).update(**increments):
                return
            with transaction.atomic():
                cls.objects.create(**key, searches=1, searches_without_results=0 if found else 1)
        except DatabaseError:
            # Two first searches for the same words at once: count it on the row the other made.
            try:
                with transaction.atomic():
                    cls.objects.filter(**key).update(**increments)
            except DatabaseError:
                pass


def count_popular_term(terms: str) -> None:
    """One hit for `terms` (already scrubbed) in Wagtail's search-promotion queries."""
    try:
        with transaction.atomic():
            Query.get(terms).add_hit()
    except DatabaseError:
        pass  # a lost hit in a popularity list is not worth a failed search
