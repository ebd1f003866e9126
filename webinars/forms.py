from django.forms.models import construct_instance

from base.forms import BasePageForm

PUBLISHING_ACTIONS = ("action-publish", "action-submit")
# What decides whether a recording may be published (captions, audio description).
PUBLISH_RULE_FIELDS = (
    "video_url",
    "video_file",
    "starts_at",
    "captions",
    "descriptions",
    "described_version_url",
    "audio_description_not_needed",
)


class WebinarEpisodeForm(BasePageForm):
    """Explains next to the fields what stops an episode from being published (a draft may
    lack captions), and puts a chapter outside the video's length on the chapter."""

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
            candidate = construct_instance(self, self.instance, fields=PUBLISH_RULE_FIELDS)
            for field, problems in candidate.publish_problems_by_field().items():
                for problem in problems:
                    self.add_error(field, problem)
        return cleaned_data
