"""The page editor's form for every page type (BasePage.base_form_class)."""

from wagtail.admin.forms import WagtailAdminPageForm

# Swedish alphabetical order without a database collation (SQLite in the demo): å, ä, ö
# after z, in that order ("Äldreomsorg" sorted first otherwise).
SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"})


def swedish_sort_key(text):
    return text.casefold().translate(SWEDISH_ORDER)


class BasePageForm(WagtailAdminPageForm):
    """A page's topic checkboxes list only its own language's topics, in Swedish order, so a
    Swedish page never gets an English topic (issue #25, item 12)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        topics = self.fields.get("topics")
        if topics is not None and self.instance.locale_id:
            topics.queryset = topics.queryset.filter(locale_id=self.instance.locale_id)
            ordered = sorted(topics.queryset, key=lambda topic: swedish_sort_key(topic.name))
            topics.choices = [(topic.pk, topic.name) for topic in ordered]
