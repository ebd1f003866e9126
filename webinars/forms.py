from wagtail.admin.forms import WagtailAdminPageForm

PUBLISHING_ACTIONS = ("action-publish", "action-submit")
# Swedish alphabetical order without a database collation (SQLite in the demo): å, ä, ö
# after z, in that order ("Äldreomsorg" sorted first otherwise).
SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"})


def swedish_sort_key(text):
    return text.casefold().translate(SWEDISH_ORDER)


class WebinarEpisodeForm(WagtailAdminPageForm):
    """Explains, next to the fields, what stops an episode from being published.

    A draft of a recording may lack captions; publishing (or submitting for moderation) needs
    them. Chapters must lie inside the video, drafts included: the message is on the chapter."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        topics = self.fields.get("topics")
        if topics is not None and self.instance.locale_id:
            # Only the page's own language: a Swedish page lists Swedish topics.
            topics.queryset = topics.queryset.filter(locale_id=self.instance.locale_id)
            ordered = sorted(topics.queryset, key=lambda topic: swedish_sort_key(topic.name))
            topics.choices = [(topic.pk, topic.name) for topic in ordered]

    def clean(self):
        from .models import chapter_problems

        cleaned_data = super().clean()
        chapters = self.formsets.get("chapters")
        if chapters is not None and chapters.is_valid():
            kept = [
                form
                for form in chapters.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            problems = chapter_problems(
                [
                    (form.cleaned_data.get("title", ""), form.cleaned_data.get("start"))
                    for form in kept
                ],
                duration=cleaned_data.get("duration"),
                video_file=cleaned_data.get("video_file"),
                has_video=bool(cleaned_data.get("video_url") or cleaned_data.get("video_file")),
            )
            if problems.length:
                self.add_error("duration", problems.length)
            for position, message in problems.chapters.items():
                kept[position].add_error("start", message)

        if any(action in self.data for action in PUBLISHING_ACTIONS) and not self.errors:
            candidate = self.instance
            for field in ("video_url", "video_file", "starts_at", "captions"):
                if field in cleaned_data:
                    setattr(candidate, field, cleaned_data[field])
            for problem in candidate.publish_problems():
                self.add_error("captions", problem)
        return cleaned_data
