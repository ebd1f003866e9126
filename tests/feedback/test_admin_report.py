"""The admin report "Återkoppling": figures, filters, comments, CSV and the editor's summary."""

import csv
import io
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import GroupPagePermission

from editorial.roles import EDITORS
from feedback import admin_views
from feedback.models import Feedback
from tests import factories
from tests.conftest import copies_of

# Every database test here reads answers to the same few pages, built once for the module.
home = copies_of("home")
series = copies_of("series")
episode = copies_of("episode")
case_index = copies_of("case_index")

REPORT_URL = "/admin/aterkoppling/"
EXPORT_PAGES_URL = "/admin/aterkoppling/export/sidor/"
EXPORT_COMMENTS_URL = "/admin/aterkoppling/export/kommentarer/"
PERCENT = "\u00a0%"


def rebuild_days():
    """The report reads the monthly counts; rows inserted here go around the services that keep
    them, and get their dates set afterwards, so recount them as a bulk import would."""
    call_command("rebuild_feedback_counts", stdout=io.StringIO())


def answer(page, helpful=True, comment="", *, days_ago=1, locale=None, handled=False):
    feedback = Feedback.objects.create(
        page=page,
        page_title=page.title,
        page_url=page.url or "",
        locale=locale or page.locale,
        helpful=helpful,
        comment=comment,
        handled=handled,
    )
    Feedback.objects.filter(pk=feedback.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    rebuild_days()
    return feedback


def answers(page, *, yes=0, no=0, days_ago=1, locale=None):
    rows = [
        Feedback(
            page=page,
            page_title=page.title,
            page_url=page.url or "",
            locale=locale or page.locale,
            helpful=helpful,
        )
        for helpful in [True] * yes + [False] * no
    ]
    created = Feedback.objects.bulk_create(rows)
    Feedback.objects.filter(pk__in=[row.pk for row in created]).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    rebuild_days()


def page_url(page):
    return f"{REPORT_URL}sida/{page.pk}/"


def rows_by_title(response):
    return {row.title: row for row in response.context["rows"]}


def read_csv(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def client_for(django_user_model, username, *codenames):
    """A logged-in admin user with access to the admin and the named permissions only."""
    user = django_user_model.objects.create_user(username, password="lösen")
    permissions = Permission.objects.filter(codename__in=["access_admin", *codenames])
    assert permissions.count() == len(codenames) + 1
    user.user_permissions.add(*permissions)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff_client(django_user_model):
    return client_for(django_user_model, "granskare")


@pytest.fixture
def viewer_client(django_user_model):
    return client_for(django_user_model, "lasare", "view_feedback")


@pytest.fixture
def known_answers(series, episode):
    """Episode: 3 yes, 1 no, 2 comments (75 %). Series: 1 yes, 3 no (25 %)."""
    answer(episode, True, "Bra genomgång", days_ago=3)
    answer(episode, True, "Tydligt", days_ago=2)
    answer(episode, True)
    answer(episode, False)
    answers(series, yes=1, no=3)
    return {"series": series, "episode": episode}


# The report --------------------------------------------------------------------------------


def test_report_shows_answers_share_helpful_and_comments_per_page(admin_client, known_answers):
    response = admin_client.get(REPORT_URL)

    assert response.status_code == 200
    rows = rows_by_title(response)
    episode, series = rows["Inledning"], rows[known_answers["series"].title]
    assert (episode.answers, episode.percent_helpful, episode.comments) == (4, 75, 2)
    assert (series.answers, series.percent_helpful, series.comments) == (4, 25, 0)
    html = response.content.decode()
    assert f"75{PERCENT}" in html and f"25{PERCENT}" in html
    assert f'href="/admin/pages/{known_answers["episode"].pk}/edit/"' in html
    total = response.context["total"]
    assert (total.answers, total.percent_helpful, total.comments) == (8, 50, 2)


def test_report_lists_most_answered_pages_first(admin_client, series, episode):
    answers(series, yes=1)
    answers(episode, yes=2, no=1)

    response = admin_client.get(REPORT_URL)

    assert [row.title for row in response.context["rows"]] == ["Inledning", series.title]


def test_editors_can_sort_least_helpful_first(admin_client, known_answers, case_index):
    answers(case_index, yes=1, no=1)

    response = admin_client.get(REPORT_URL, {"sortering": "minst-hjalpsam"})

    titles = [row.title for row in response.context["rows"]]
    assert titles == [known_answers["series"].title, case_index.title, "Inledning"]


def test_editors_can_sort_by_most_comments(admin_client, series, episode):
    answers(episode, yes=5)
    answer(series, True, "En kommentar")

    response = admin_client.get(REPORT_URL, {"sortering": "kommentarer"})

    assert [row.title for row in response.context["rows"]] == [series.title, "Inledning"]


def test_deleted_pages_keep_their_stored_title_and_address_marked_deleted(admin_client, home):
    article = factories.GuidanceArticlePageFactory(parent=home, slug="gammal", title="Gammal")
    answer(article, False, "Saknar det viktigaste")
    address = article.url
    article.delete()

    response = admin_client.get(REPORT_URL)

    (row,) = response.context["rows"]
    assert row.page_id is None and row.title == "Gammal" and row.stored_url == address
    html = response.content.decode()
    assert "borttagen" in html and address in html
    detail = admin_client.get(row.view_url)
    assert detail.status_code == 200
    assert "Saknar det viktigaste" in detail.content.decode()


def test_deleted_and_live_pages_sum_edge_days_and_whole_months_alike(home, episode):
    """Live pages are summed by id and deleted pages by title and address, each from whole
    months and edge days: a range starting and ending inside months counts exactly."""
    from feedback import figures

    article = factories.GuidanceArticlePageFactory(parent=home, slug="snart-borta", title="Borta")
    for days_ago in (2, 20, 35, 50, 80):
        answers(article, yes=1, no=1, days_ago=days_ago)
        answers(episode, yes=2, days_ago=days_ago)
    article.delete()
    today = timezone.localdate()
    filters = figures.ReportFilters(
        date_from=today - timedelta(days=60), date_to=today - timedelta(days=10)
    )

    found = figures.Scope(filters).rows(filters.date_from, filters.date_to)
    rows = {row.page_id or row.stored_title: row for row in figures.attach_pages(found)}

    counted = Feedback.objects.between_days(filters.date_from, filters.date_to)
    assert counted.filter(page__isnull=True).count() == 6
    assert (rows["Borta"].answers, rows["Borta"].helpful) == (6, 3)
    assert (rows[episode.pk].answers, rows[episode.pk].helpful) == (6, 6)
    assert (len(found), figures.total_of(found).answers) == (2, 12)


def test_trend_compares_the_last_30_days_with_the_30_days_before(admin_client, series, episode):
    answers(episode, yes=2, no=3, days_ago=45)  # 40 %
    answers(episode, yes=4, no=1, days_ago=10)  # 80 %
    answers(series, yes=5, days_ago=40)  # 100 %
    answers(series, yes=4, no=1, days_ago=5)  # 80 %

    response = admin_client.get(REPORT_URL)

    rows = rows_by_title(response)
    assert rows["Inledning"].trend_display == "+40 procentenheter"
    assert rows[series.title].trend_display == "\u221220 procentenheter"
    html = response.content.decode()
    assert "+40 procentenheter" in html and "\u221220 procentenheter" in html


def test_total_trend_counts_every_answer_in_the_scope_in_both_30_day_windows(
    admin_client, series, episode
):
    """Only the rows on screen get a trend of their own; the totals' trend is the scope's,
    whether or not a page was answered in the days chosen."""
    answers(episode, yes=2, no=2, days_ago=45)
    answers(episode, yes=5, days_ago=10)
    answers(series, yes=3, no=2, days_ago=40)
    today = timezone.localdate()

    response = admin_client.get(REPORT_URL, {"fran": (today - timedelta(days=20)).isoformat()})

    assert list(rows_by_title(response)) == ["Inledning"]
    total = response.context["total"]
    assert (total.answers, total.helpful) == (5, 5)
    assert (total.recent_answers, total.recent_helpful) == (5, 5)
    assert (total.previous_answers, total.previous_helpful) == (9, 5)
    assert total.trend_display == "+44 procentenheter"


def test_no_trend_is_shown_from_too_few_answers(admin_client, episode):
    answers(episode, yes=1, days_ago=45)
    answers(episode, no=1, days_ago=5)

    response = admin_client.get(REPORT_URL)

    assert response.context["rows"][0].trend is None


def test_report_paginates_pages_fifty_at_a_time(admin_client, home):
    articles = [
        factories.GuidanceArticlePageFactory(parent=home, slug=f"artikel-{i}", title=f"A{i}")
        for i in range(51)
    ]
    Feedback.objects.bulk_create(
        Feedback(page=page, page_title=page.title, locale=page.locale, helpful=True)
        for page in articles
    )
    rebuild_days()

    first = admin_client.get(REPORT_URL)
    second = admin_client.get(REPORT_URL, {"p": 2})

    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == 1
    assert "51 sidor" in first.content.decode()


# Filters -----------------------------------------------------------------------------------


def test_report_can_be_narrowed_to_a_date_range(admin_client, episode):
    answers(episode, yes=1, days_ago=40)
    answers(episode, no=2, days_ago=10)
    today = timezone.localdate()

    response = admin_client.get(
        REPORT_URL,
        {"fran": (today - timedelta(days=20)).isoformat(), "till": today.isoformat()},
    )

    (row,) = response.context["rows"]
    assert (row.answers, row.percent_helpful) == (2, 0)


def test_report_can_be_narrowed_to_a_section_of_the_tree(admin_client, known_answers, case_index):
    """A section's figures, totals and chart count its pages' answers only."""
    answers(case_index, yes=3)
    answers(known_answers["episode"], no=2, days_ago=40)

    response = admin_client.get(REPORT_URL, {"sektion": known_answers["series"].pk})

    assert set(rows_by_title(response)) == {known_answers["series"].title, "Inledning"}
    total = response.context["total"]
    assert (total.answers, total.helpful, total.comments) == (10, 4, 2)
    assert (total.recent_answers, total.previous_answers) == (8, 2)
    periods = response.context["chart"].periods
    assert (sum(p.answers for p in periods), sum(p.helpful for p in periods)) == (10, 4)


def test_report_can_be_narrowed_to_a_page_type(admin_client, known_answers):
    response = admin_client.get(REPORT_URL, {"sidtyp": "webinars.webinarepisodepage"})

    assert list(rows_by_title(response)) == ["Inledning"]


@pytest.mark.parametrize(
    "params",
    [
        {"sektion": "series"},
        {"sektion": "series", "sortering": "minst-hjalpsam"},
        {"sidtyp": "webinars.webinarepisodepage", "sortering": "kommentarer"},
    ],
)
def test_section_and_page_type_figures_equal_direct_counts_on_every_page_of_rows(
    admin_client, home, series, case_index, monkeypatch, params
):
    """A section's or page type's rows (both pages of them), totals, trends and chart count
    its own pages' answers only; answers on pages outside it, deleted pages' too, are left
    out."""
    monkeypatch.setattr(admin_views, "PER_PAGE", 5)  # two pages of rows from a few pages
    episodes = [
        factories.WebinarEpisodePageFactory(
            parent=series, slug=f"avsnitt-{i}", title=f"Avsnitt {i}"
        )
        for i in range(8)
    ]
    outside = factories.GuidanceArticlePageFactory(parent=home, slug="utanfor", title="Utanför")
    gone = factories.GuidanceArticlePageFactory(parent=home, slug="borta", title="Borta")
    created = defaultdict(list)
    for number, page in enumerate([series, *episodes, case_index, outside, gone]):
        for days_ago in (2, 20, 40, 100, 250):
            for answer_number in range(1 + (number + days_ago) % 4):
                feedback = Feedback(
                    page=page,
                    page_title=page.title,
                    page_url=page.url or "",
                    locale=page.locale,
                    helpful=(number + answer_number) % 3 != 0,
                    comment="En kommentar" if (number + answer_number) % 5 == 0 else "",
                )
                created[days_ago].append(feedback)
    for days_ago, rows in created.items():
        Feedback.objects.bulk_create(rows)
        Feedback.objects.filter(pk__in=[row.pk for row in rows]).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
    rebuild_days()
    gone.delete()
    params = {**params, "sektion": series.pk} if "sektion" in params else params
    in_scope = (
        Feedback.objects.filter(page__path__startswith=series.path)
        if "sektion" in params
        else Feedback.objects.filter(page__content_type__model="webinarepisodepage")
    )
    today = timezone.localdate()

    def direct(answered):
        recent = answered.between_days(today - timedelta(days=29), today)
        previous = answered.between_days(today - timedelta(days=59), today - timedelta(days=30))
        return (
            answered.count(),
            answered.filter(helpful=True).count(),
            answered.exclude(comment="").count(),
            recent.count(),
            recent.filter(helpful=True).count(),
            previous.count(),
            previous.filter(helpful=True).count(),
        )

    def shown(row):
        return (
            row.answers,
            row.helpful,
            row.comments,
            row.recent_answers,
            row.recent_helpful,
            row.previous_answers,
            row.previous_helpful,
        )

    def report_of(page_number):
        response = admin_client.get(REPORT_URL, {**params, "p": page_number})
        context = response.context
        chart = context["chart"]
        assert not chart.is_weekly
        months = {p.first_day: (p.answers, p.helpful) for p in chart.periods if p.answers}
        rows = [(row.page_id, shown(row)) for row in context["rows"]]
        return rows, shown(context["total"]), context["page_obj"].paginator.count, months

    per_month = defaultdict(lambda: [0, 0])
    for created_at, helpful in in_scope.values_list("created_at", "helpful"):
        counts = per_month[timezone.localtime(created_at).date().replace(day=1)]
        counts[0] += 1
        counts[1] += helpful
    per_page = {
        page_id: direct(in_scope.filter(page_id=page_id))
        for page_id in in_scope.values_list("page_id", flat=True).distinct()
    }
    # The tiebreak after each ordering's figures is the page id.
    order = {
        "minst-hjalpsam": lambda key: (key[1][1] / key[1][0], -key[1][0], key[0]),
        "kommentarer": lambda key: (-key[1][2], -key[1][0], key[0]),
    }.get(params.get("sortering"), lambda key: (-key[1][0], key[0]))
    expected_rows = sorted(per_page.items(), key=order)
    expected_total = direct(in_scope)
    expected_months = {month: tuple(counts) for month, counts in per_month.items()}

    first_rows, total, count, months = report_of(1)
    second_rows, *again = report_of(2)
    assert len(first_rows) == 5
    assert first_rows + second_rows == expected_rows
    assert (total, count, months) == (expected_total, len(expected_rows), expected_months)
    assert again == [total, count, months]


def test_report_can_be_narrowed_to_a_language(admin_client, locales, episode, series):
    answers(episode, yes=2, locale=locales["sv"])
    answers(series, no=1, locale=locales["en"])

    english = admin_client.get(REPORT_URL, {"sprak": "en"})
    everything = admin_client.get(REPORT_URL, {"sprak": ""})

    assert list(rows_by_title(english)) == [series.title]
    assert len(everything.context["rows"]) == 2


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"fran": "igår"}, "Skriv datumet som ÅÅÅÅ-MM-DD"),
        ({"till": "2025-02-30"}, "Skriv datumet som ÅÅÅÅ-MM-DD"),
        ({"fran": "9999-12-31"}, "Välj ett datum mellan år 2000 och 2100."),
        ({"fran": "2025-03-01", "till": "2025-01-01"}, "Till-datumet är före från-datumet."),
        ({"sektion": "999999"}, "Sidan finns inte längre."),
        ({"sektion": "abc"}, "Sidan finns inte längre."),
        ({"sektion": "9" * 30}, "Sidan finns inte längre."),
        ({"sektion": "9" * 5000}, "Sidan finns inte längre."),  # past int()'s 4,300 digits
        ({"sektion": "²"}, "Sidan finns inte längre."),
        ({"sprak": "xx"}, "Okänt språk."),
        ({"sidtyp": "auth.user"}, "Okänd sidtyp."),
        ({"sortering": "slumpvis"}, "Okänd sortering."),
    ],
)
def test_bad_filter_values_show_a_swedish_message_instead_of_failing(
    admin_client, known_answers, params, message
):
    response = admin_client.get(REPORT_URL, params)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Några filter kunde inte användas" in html
    assert message in html
    # The bad value is skipped; the report still shows every page.
    assert len(response.context["rows"]) == 2


# The chart ---------------------------------------------------------------------------------


def test_chart_shows_share_helpful_per_week_as_accessible_svg(admin_client, episode):
    answers(episode, yes=3, no=1, days_ago=1)
    answers(episode, yes=1, no=1, days_ago=15)

    response = admin_client.get(REPORT_URL)

    chart = response.context["chart"]
    assert chart.is_weekly
    answered = [period for period in chart.periods if period.answers]
    assert [period.percent_display for period in answered] == [f"50{PERCENT}", f"75{PERCENT}"]
    html = response.content.decode()
    assert '<svg role="img" aria-labelledby="feedback-chart-title feedback-chart-desc"' in html
    assert '<title id="feedback-chart-title">Andel hjälpsamma svar per vecka</title>' in html
    assert '<desc id="feedback-chart-desc">' in html
    assert "<summary>Visa siffrorna som tabell</summary>" in html
    assert html.count('class="feedback-chart__bar"') == 2


def test_chart_shows_months_for_a_long_range(admin_client, episode):
    answers(episode, yes=1, days_ago=300)
    answers(episode, no=1, days_ago=2)

    response = admin_client.get(REPORT_URL)

    chart = response.context["chart"]
    assert not chart.is_weekly
    assert 10 <= len(chart.periods) <= 12
    assert "Andel hjälpsamma svar per månad" in response.content.decode()


def test_chart_of_every_page_counts_live_and_deleted_pages_answers_per_month(
    admin_client, home, episode, monkeypatch
):
    """The chart's months equal direct counts, deleted pages' answers included, whichever
    order the rows are in."""
    article = factories.GuidanceArticlePageFactory(parent=home, slug="gar-bort", title="Går bort")
    for days_ago in (2, 45, 100, 250):
        answers(article, yes=1, no=2, days_ago=days_ago)
        answers(episode, yes=2, no=1, days_ago=days_ago)
    article.delete()
    per_month = {}
    for created_at, helpful in Feedback.objects.values_list("created_at", "helpful"):
        month = timezone.localtime(created_at).date().replace(day=1)
        counts = per_month.setdefault(month, [0, 0])
        counts[0] += 1
        counts[1] += helpful

    def chart_months(params):
        chart = admin_client.get(REPORT_URL, params).context["chart"]
        assert not chart.is_weekly
        return {p.first_day: [p.answers, p.helpful] for p in chart.periods if p.answers}

    for ordering in ("", "minst-hjalpsam"):
        assert chart_months({"sortering": ordering}) == per_month


# The page's own view -----------------------------------------------------------------------


def test_page_view_lists_comments_newest_first_and_skips_answers_without_one(admin_client, episode):
    answer(episode, True, "Äldst", days_ago=9)
    answer(episode, False, "Nyast", days_ago=1)
    answer(episode, True, "Mitten", days_ago=5)
    answer(episode, True, "", days_ago=0)

    response = admin_client.get(page_url(episode))

    assert response.status_code == 200
    assert [f.comment for f in response.context["comments"]] == ["Nyast", "Mitten", "Äldst"]
    figures = response.context["figures"]
    assert (figures.answers, figures.percent_helpful, figures.comments) == (4, 75, 3)
    html = response.content.decode()
    assert html.index("Nyast") < html.index("Mitten") < html.index("Äldst")
    assert 'aria-labelledby="feedback-page-chart-title feedback-page-chart-desc"' in html


def test_page_view_of_a_page_that_never_existed_is_404(admin_client, home):
    assert admin_client.get(f"{REPORT_URL}sida/999999/").status_code == 404
    assert admin_client.get(f"{REPORT_URL}sida/{'9' * 30}/").status_code == 404


def test_editors_can_mark_a_comment_handled_and_back(admin_client, episode):
    feedback = answer(episode, False, "Länken är trasig")
    back = page_url(episode) + "?fran=2025-01-01"

    response = admin_client.post(
        f"{REPORT_URL}svar/{feedback.pk}/hanterad/", {"next": back}, follow=True
    )

    feedback.refresh_from_db()
    assert feedback.handled
    assert response.redirect_chain == [(back, 302)]
    assert "Kommentaren är markerad som hanterad." in response.content.decode()
    admin_client.post(f"{REPORT_URL}svar/{feedback.pk}/hanterad/")
    feedback.refresh_from_db()
    assert not feedback.handled


def test_two_editors_marking_the_same_comment_handled_agree(admin_client, episode):
    feedback = answer(episode, False, "Länken är trasig")
    html = admin_client.get(page_url(episode)).content.decode()
    assert 'name="hanterad" value="ja"' in html

    for _ in range(2):
        admin_client.post(f"{REPORT_URL}svar/{feedback.pk}/hanterad/", {"hanterad": "ja"})

    feedback.refresh_from_db()
    assert feedback.handled


def test_marking_handled_never_redirects_to_another_site(admin_client, episode):
    feedback = answer(episode, False, "Hej")

    response = admin_client.post(
        f"{REPORT_URL}svar/{feedback.pk}/hanterad/", {"next": "https://example.com/"}
    )

    assert response["Location"] == page_url(episode)


def test_marking_handled_needs_post(admin_client, episode):
    feedback = answer(episode, False, "Hej")

    assert admin_client.get(f"{REPORT_URL}svar/{feedback.pk}/hanterad/").status_code == 405


def test_editors_confirm_before_deleting_an_answer(admin_client, episode):
    feedback = answer(episode, False, "Skriv om stycke två")

    confirm = admin_client.get(f"{REPORT_URL}svar/{feedback.pk}/ta-bort/")
    assert confirm.status_code == 200
    assert Feedback.objects.filter(pk=feedback.pk).exists()
    html = confirm.content.decode()
    assert "Skriv om stycke två" in html and "Ja, ta bort svaret" in html

    response = admin_client.post(f"{REPORT_URL}svar/{feedback.pk}/ta-bort/", follow=True)

    assert not Feedback.objects.filter(pk=feedback.pk).exists()
    assert response.redirect_chain == [(page_url(episode), 302)]
    assert "Svaret och dess kommentar är borttagna." in response.content.decode()


# Permissions -------------------------------------------------------------------------------


def test_staff_without_feedback_permission_get_403_on_every_report_url(staff_client, episode):
    feedback = answer(episode, False, "Hemlig")
    urls = [
        REPORT_URL,
        page_url(episode),
        EXPORT_PAGES_URL,
        EXPORT_COMMENTS_URL,
        f"{REPORT_URL}svar/{feedback.pk}/ta-bort/",
    ]
    for url in urls:
        assert staff_client.get(url).status_code == 403, url
    assert staff_client.post(f"{REPORT_URL}svar/{feedback.pk}/hanterad/").status_code == 403
    assert staff_client.post(f"{REPORT_URL}svar/{feedback.pk}/ta-bort/").status_code == 403
    feedback.refresh_from_db()
    assert not feedback.handled


def test_viewers_can_read_but_not_change_delete_or_export(viewer_client, episode):
    feedback = answer(episode, False, "Kan bli bättre")

    page = viewer_client.get(page_url(episode))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kan bli bättre" in html
    assert "Markera som hanterad" not in html and "Ta bort" not in html
    assert "Exportera" not in viewer_client.get(REPORT_URL).content.decode()

    assert viewer_client.post(f"{REPORT_URL}svar/{feedback.pk}/hanterad/").status_code == 403
    assert viewer_client.post(f"{REPORT_URL}svar/{feedback.pk}/ta-bort/").status_code == 403
    assert viewer_client.get(EXPORT_PAGES_URL).status_code == 403
    assert viewer_client.get(EXPORT_COMMENTS_URL).status_code == 403
    feedback.refresh_from_db()
    assert not feedback.handled


def test_each_action_needs_its_own_permission(django_user_model, episode):
    feedback = answer(episode, False, "Kan bli bättre")
    changer = client_for(django_user_model, "hanterare", "view_feedback", "change_feedback")
    deleter = client_for(django_user_model, "rensare", "view_feedback", "delete_feedback")

    assert changer.post(f"{REPORT_URL}svar/{feedback.pk}/hanterad/").status_code == 302
    assert changer.post(f"{REPORT_URL}svar/{feedback.pk}/ta-bort/").status_code == 403
    assert deleter.post(f"{REPORT_URL}svar/{feedback.pk}/ta-bort/").status_code == 302
    assert not Feedback.objects.exists()


def test_menu_item_shows_only_to_users_who_may_view_feedback(staff_client, viewer_client, home):
    assert f'"{REPORT_URL}"' not in staff_client.get("/admin/").content.decode()
    assert f'"{REPORT_URL}"' in viewer_client.get("/admin/").content.decode()


def test_feedback_permissions_can_be_granted_to_groups(admin_client):
    response = admin_client.get(f"/admin/groups/edit/{Group.objects.get(name=EDITORS).pk}/")

    html = response.content.decode()
    for codename in ["view_feedback", "change_feedback", "delete_feedback", "export_feedback"]:
        permission = Permission.objects.get(content_type__app_label="feedback", codename=codename)
        assert f'value="{permission.pk}"' in html, codename


# CSV ---------------------------------------------------------------------------------------


def test_pages_csv_opens_in_swedish_excel(admin_client, known_answers):
    response = admin_client.get(EXPORT_PAGES_URL, {"sortering": "minst-hjalpsam"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="aterkoppling-sidor-')
    header, *rows = read_csv(response)
    assert header[:6] == ["Sida", "Adress", "Borttagen", "Svar", "Hjälpsamma", "Hjälpsam (%)"]
    assert [row[0] for row in rows] == [known_answers["series"].title, "Inledning"]
    assert rows[1][2:7] == ["Nej", "4", "3", "75", "2"]
    assert rows[1][1].startswith("http://testserver/")
    assert rows[1][1] == known_answers["episode"].get_full_url()


def test_comments_csv_lists_the_filtered_comments_with_formulas_defused(
    admin_client, locales, episode, series
):
    answer(episode, True, '=HYPERLINK("http://example.com","Klicka")', days_ago=2)
    answer(episode, False, "Åäö är bra, men -1 för längden", days_ago=1, handled=True)
    answer(series, False, "+46 70 annan sektion", days_ago=1)
    answer(episode, True, "")

    response = admin_client.get(EXPORT_COMMENTS_URL, {"sidtyp": "webinars.webinarepisodepage"})

    header, *rows = read_csv(response)
    assert header == ["Tidpunkt", "Sida", "Adress", "Språk", "Hjälpsam", "Kommentar", "Hanterad"]
    assert [row[5] for row in rows] == [
        "Åäö är bra, men -1 för längden",
        '\'=HYPERLINK("http://example.com","Klicka")',
    ]
    assert rows[0][1] == "Inledning" and rows[0][3] == "sv"
    assert (rows[0][4], rows[0][6]) == ("Nej", "Ja")


def test_pages_and_comments_export_as_xlsx(admin_client, known_answers):
    from openpyxl import load_workbook

    for url in (EXPORT_PAGES_URL, EXPORT_COMMENTS_URL):
        response = admin_client.get(url, {"export": "xlsx"})
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith('.xlsx"')
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        rows = list(sheet.values)
        assert rows[0][0] in ("Sida", "Tidpunkt")
        assert len(rows) == 3


def test_csv_cells_that_spreadsheets_read_as_formulas_are_quoted():
    from feedback.exports import csv_cell

    assert [csv_cell(v) for v in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "ok", -5, 75]] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "ok",
        -5,
        75,
    ]


# The page editor ---------------------------------------------------------------------------


def test_page_editor_summarises_the_last_90_days_in_the_settings_tab(admin_client, episode):
    answers(episode, yes=3, no=1, days_ago=10)
    answers(episode, no=5, days_ago=120)
    answer(episode, True, "Tack", days_ago=1)

    html = admin_client.get(f"/admin/pages/{episode.pk}/edit/").content.decode()

    assert f"5 svar, 80{PERCENT} hjälpsamma de senaste 90 dagarna." in html
    assert "1 kommentar." in html
    assert f'href="{page_url(episode)}"' in html


def test_page_editor_says_when_there_are_no_answers(admin_client, episode):
    answers(episode, yes=2, days_ago=100)

    html = admin_client.get(f"/admin/pages/{episode.pk}/edit/").content.decode()

    assert "Inga svar de senaste 90 dagarna." in html


def test_page_editor_hides_the_summary_from_editors_without_feedback_permission(
    django_user_model, episode
):
    answers(episode, yes=2)
    # Redaktörer may view feedback (editorial/roles.py): a group like it without that right.
    editors = Group.objects.get(name=EDITORS)
    group = Group.objects.create(name="Redaktörer utan återkoppling")
    group.permissions.set(editors.permissions.exclude(codename="view_feedback"))
    for granted in GroupPagePermission.objects.filter(group=editors):
        GroupPagePermission.objects.create(
            group=group, page=granted.page, permission=granted.permission
        )
    editor = django_user_model.objects.create_user("redigerare", password="lösen")
    editor.groups.add(group)
    client = Client()
    client.force_login(editor)

    response = client.get(f"/admin/pages/{episode.pk}/edit/")

    assert response.status_code == 200
    assert "hjälpsamma de senaste 90 dagarna" not in response.content.decode()


# Scale -------------------------------------------------------------------------------------


def report_queries(client, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(REPORT_URL, params or {})
    assert response.status_code == 200
    return len(queries)


# Every view of the report on one set of fifty pages (built once), by its query count.
REPORT_VIEWS = [
    {},
    {"sortering": "minst-hjalpsam", "sprak": "sv"},
    {"sektion": "home"},
    {"sidtyp": "articles.guidancearticlepage"},
]


def test_report_query_count_does_not_grow_with_pages_or_answers(admin_client, home):
    views = [
        {**params, "sektion": home.pk} if "sektion" in params else params for params in REPORT_VIEWS
    ]
    pages = [
        factories.GuidanceArticlePageFactory(parent=home, slug=f"sida-{i}", title=f"Sida {i}")
        for i in range(50)
    ]
    for page in pages[:5]:
        answers(page, yes=3, no=2, days_ago=3)
    five = [report_queries(admin_client, params) for params in views]

    for page in pages[5:]:
        answers(page, yes=3, no=2, days_ago=3)
    for page in pages:
        answer(page, False, "En kommentar", days_ago=40)
    fifty = [report_queries(admin_client, params) for params in views]

    assert five == fifty


def test_page_view_query_count_does_not_grow_with_comments(admin_client, episode):
    answer(episode, False, "En")
    queries_for_one = len(_capture(admin_client, page_url(episode)))
    for i in range(30):
        answer(episode, i % 2 == 0, f"Kommentar {i}", days_ago=i)

    assert len(_capture(admin_client, page_url(episode))) == queries_for_one


def _capture(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return queries


def test_report_dates_follow_stockholm_time(admin_client, episode):
    feedback = answer(episode, True)
    # 23:30 UTC on 31 March is 01:30 on 1 April in Stockholm.
    Feedback.objects.filter(pk=feedback.pk).update(
        created_at=datetime(2025, 3, 31, 23, 30, tzinfo=UTC)
    )
    rebuild_days()

    march = admin_client.get(REPORT_URL, {"fran": "2025-03-01", "till": "2025-03-31"})
    april = admin_client.get(REPORT_URL, {"fran": date(2025, 4, 1).isoformat()})

    assert march.context["rows"] == []
    assert april.context["rows"][0].answers == 1
