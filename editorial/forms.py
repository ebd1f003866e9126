"""The image form (WAGTAILIMAGES_IMAGE_FORM_BASE): alternative text is asked for on every
upload, or "Dekorativ bild" chosen explicitly, never the file name or nothing by default."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm

from .models import DecorativeImage


class AltTextImageForm(BaseImageForm):
    decorative = forms.BooleanField(
        label=_("Dekorativ bild"),
        required=False,
        help_text=_(
            "Bara för bilder som inte säger något som inte redan står i texten, t.ex. en "
            "bakgrund. Skärmläsare hoppar över dem."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" not in self.fields:  # a form for the file alone (upload step)
            del self.fields["decorative"]
            return
        description = self.fields["description"]
        description.label = _("Alternativtext")
        description.help_text = _(
            "Vad bilden visar, för den som inte ser den, t.ex. “Tre personer vid en whiteboard "
            "på en workshop i Oxelösund”. Inte filnamnet."
        )
        if self.instance.pk:
            self.initial.setdefault(
                "decorative", DecorativeImage.objects.filter(image_id=self.instance.pk).exists()
            )
        order = list(self.fields)
        order.remove("decorative")
        order.insert(order.index("description") + 1, "decorative")
        self.order_fields(order)

    def clean(self):
        cleaned_data = super().clean()
        if "decorative" not in self.fields:
            return cleaned_data
        description = (cleaned_data.get("description") or "").strip()
        if cleaned_data.get("decorative"):
            cleaned_data["description"] = ""  # a decorative image has no alt text
        elif not description and "description" not in self.errors:
            self.add_error(
                "description",
                _(
                    "Skriv en alternativtext, eller välj “Dekorativ bild” om bilden inte "
                    "säger något."
                ),
            )
        return cleaned_data

    def save(self, commit=True):
        image = super().save(commit=commit)
        if commit and self.cleaned_data.get("decorative"):
            DecorativeImage.objects.get_or_create(image=image)
        elif commit and "decorative" in self.fields:
            DecorativeImage.objects.filter(image=image).delete()
        return image
