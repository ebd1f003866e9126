"""The site's information pages in Swedish and English: the accessibility statement, personal
data, about the site and contact. Every sentence (demo/information_pages.json, each as a
[Swedish, English] pair) describes what this site's code does; the retention periods are read
from the settings the retention commands use."""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from demo.seed_translations import create_translation, prepare_translation
from information.models import AccessibilityStatementPage, InformationPage

TEXTS = Path(__file__).with_name("information_pages.json")
# The day the site was last assessed (tests/browser/test_reflow.py and the axe and Nu checks
# of every page type) and the statement written.
ASSESSED_ON = date(2026, 12, 7)


def retention(days):
    """How long something is kept, in Swedish and English."""
    if days <= 0:
        return "tills en redaktör tar bort dem", "until an editor deletes them"
    months = round(days / 30.44)
    return (
        f"i {days} dagar (ungefär {months} månader)",
        f"for {days} days (about {months} months)",
    )


class Texts:
    """Each Swedish text with its English rendering, for wagtail-localize's translation."""

    def __init__(self):
        self.english = {}
        feedback = retention(settings.FEEDBACK_COMMENT_RETENTION_DAYS)
        comments = retention(settings.COMMENT_RETENTION_DAYS)
        self.values = [
            {"feedback_retention": feedback[n], "comments_retention": comments[n]} for n in (0, 1)
        ]

    def __call__(self, pair):
        swedish, english = (
            text.format_map(values) for text, values in zip(pair, self.values, strict=True)
        )
        self.english[swedish] = english
        return swedish

    def page(self, texts):
        """A page's fields from its texts: plain text fields, then the rich text and blocks."""
        fields = {name: self(texts[name]) for name in ("title", "slug", "intro")}
        if "body" in texts:
            fields["body"] = [
                ("heading", {"text": self(pair), "level": "h2"})
                if kind == "heading"
                else ("paragraph", rich_text(paragraphs=[self(pair)]))
                for kind, pair in texts["body"]
            ]
        return fields


def rich_text(paragraphs=(), items=()):
    """A rich text field's HTML, written by a template (escaped), not in Python strings."""
    context = {"paragraphs": paragraphs, "items": items}
    return render_to_string("demo/rich_text.html", context).strip()


def statement_page(t, texts):
    return {
        **t.page(texts),
        "compliance": AccessibilityStatementPage.Compliance.PARTIAL,
        "deficiencies": rich_text(items=[t(pair) for pair in texts["deficiencies"]]),
        "exempt_content": rich_text(paragraphs=[t(texts["exempt_content"])]),
        "contact_email": t(texts["contact_email"]),
        "assessment": t(texts["assessment"]),
        "assessed_on": ASSESSED_ON,
        "updated_on": ASSESSED_ON,
    }


def load_information_pages(loader, home, en):
    """The four pages under the Swedish home page, in the footer's order, the statement linking
    the contact page, each translated into English through wagtail-localize."""
    t, texts = Texts(), json.loads(TEXTS.read_text(encoding="utf-8"))
    pages = [loader.page(home, AccessibilityStatementPage, **statement_page(t, texts["statement"]))]
    pages += [loader.page(home, InformationPage, **t.page(page)) for page in texts["pages"]]
    statement, contact = pages[0], pages[-1]
    if statement.contact_page_id is None:
        statement.contact_page = contact
        statement.save_revision().publish()
    for page in pages:
        if not page.has_translation(en):
            prepare_translation(page, en, t.english)
            loader.note("översättning (en)", create_translation(page, en).title)
