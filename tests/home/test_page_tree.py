"""Editors can only build a valid tree: each page type under its allowed parents."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from articles.models import GuidanceArticlePage, PressReleaseIndexPage, PressReleasePage
from cases.models import CaseIndexPage, CaseStoryPage
from home.models import HomePage
from information.models import AccessibilityStatementPage, InformationPage
from webinars.models import WebinarEpisodePage, WebinarIndexPage, WebinarSeriesPage


class PageTreeRulesTest(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_and_holds_the_sections(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                WebinarIndexPage,
                CaseIndexPage,
                GuidanceArticlePage,
                PressReleaseIndexPage,
                AccessibilityStatementPage,
                InformationPage,
            },
        )

    def test_catalogue_holds_series_and_series_hold_episodes(self):
        self.assertAllowedParentPageTypes(WebinarIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(WebinarIndexPage, {WebinarSeriesPage})
        self.assertAllowedParentPageTypes(WebinarSeriesPage, {WebinarIndexPage})
        self.assertAllowedSubpageTypes(WebinarSeriesPage, {WebinarEpisodePage})
        self.assertAllowedParentPageTypes(WebinarEpisodePage, {WebinarSeriesPage})
        self.assertAllowedSubpageTypes(WebinarEpisodePage, set())

    def test_cases_live_under_the_case_index(self):
        self.assertAllowedParentPageTypes(CaseIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(CaseStoryPage, {CaseIndexPage})
        self.assertAllowedSubpageTypes(CaseStoryPage, set())

    def test_guidance_can_nest_and_press_releases_live_in_the_press_room(self):
        self.assertAllowedParentPageTypes(GuidanceArticlePage, {HomePage, GuidanceArticlePage})
        self.assertAllowedSubpageTypes(GuidanceArticlePage, {GuidanceArticlePage})
        self.assertAllowedParentPageTypes(PressReleaseIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(PressReleasePage, {PressReleaseIndexPage})
        self.assertAllowedSubpageTypes(PressReleasePage, set())

    def test_an_episode_cannot_be_created_directly_under_the_catalogue(self):
        self.assertCanNotCreateAt(WebinarIndexPage, WebinarEpisodePage)
        self.assertCanNotCreateAt(HomePage, CaseStoryPage)
        self.assertCanNotCreateAt(CaseIndexPage, PressReleasePage)
