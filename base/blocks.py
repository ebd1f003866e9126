"""StreamField blocks, in one place for every page type that uses them.

`BaseStreamBlock` is the shared body; page types extend it by subclassing
(`GuidanceStreamBlock` adds cards that feature episodes, series and cases)."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from base.api_cards import cards
from base.api_serializers import image_data, rich_text_html
from core.visibility import is_visible

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("rubrik"), max_length=255)
    level = blocks.ChoiceBlock(
        label=_("nivå"),
        choices=[("h2", _("Rubrik 2")), ("h3", _("Rubrik 3"))],
        default="h2",
        help_text=_("Rubrik 2 för avsnitt, rubrik 3 för underavsnitt: hoppa inte över nivåer."),
    )

    class Meta:
        icon = "title"
        label = _("Rubrik")
        description = _("En mellanrubrik som delar upp texten.")
        preview_value = {
            "text": "Politisk vilja centralt för utveckling av nya idéer",
            "level": "h2",
        }
        template = "blocks/heading_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("citat"))
    speaker = blocks.CharBlock(label=_("vem som säger det"), max_length=255)
    role = blocks.CharBlock(label=_("roll och organisation"), max_length=255, required=False)

    class Meta:
        icon = "openquote"
        label = _("Citat")
        description = _("Ett citat med namn på den som säger det.")
        preview_value = {
            "quote": "Hitta eldsjälarna, börja smått och våga testa!",
            "speaker": "Catharina Fredriksson",
            "role": "kommunstyrelsens ordförande i Oxelösund",
        }
        template = "blocks/quote_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("bild"))
    caption = blocks.CharBlock(label=_("bildtext"), max_length=255, required=False)

    class Meta:
        icon = "image"
        label = _("Bild")
        description = _("En bild med alternativtext och valfri bildtext.")
        template = "blocks/image_block.html"

    def get_api_representation(self, value, context=None):
        image = value["image"]
        alt = getattr(image, "contextual_alt_text", None) if image else None
        return {"image": image_data(image, alt=alt), "caption": value["caption"]}


class KeyFactBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("värde"), max_length=60)
    label = blocks.CharBlock(label=_("förklaring"), max_length=160)

    class Meta:
        icon = "pick"
        label = _("Faktauppgift")


class KeyFactsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("rubrik"), max_length=255, default="Fakta")
    facts = blocks.ListBlock(KeyFactBlock(), label=_("fakta"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Fakta i korthet")
        description = _("Några nyckeluppgifter, till exempel uppdragsgivare och finansiär.")
        preview_value = {
            "heading": "Fakta",
            "facts": [
                {"value": "VINNOVA", "label": "finansierar projektet"},
                {"value": "31 januari 2017", "label": "uppdraget ska vara slutfört"},
            ],
        }
        template = "blocks/key_facts_block.html"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Stycke")
        description = _("Löptext med fetstil, kursiv, listor och länkar.")
        preview_value = (
            "<p>För att stärka innovationsförmågan involverar allt fler olika brukargrupper "
            "i utvecklingsarbetet.</p>"
        )
        template = "blocks/paragraph_block.html"

    def get_api_representation(self, value, context=None):
        return rich_text_html(value)


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    key_facts = KeyFactsBlock()


class FeaturedContentBlock(blocks.StructBlock):
    """A card for an episode, a series or a case story."""

    page = blocks.PageChooserBlock(
        label=_("sida"),
        page_type=[
            "webinars.WebinarEpisodePage",
            "webinars.WebinarSeriesPage",
            "cases.CaseStoryPage",
        ],
    )
    heading = blocks.CharBlock(
        label=_("egen rubrik"),
        max_length=255,
        required=False,
        help_text=_("Lämna tomt för att använda sidans titel."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Utvalt innehåll")
        description = _("Ett kort som lyfter fram ett webbinarium, en serie eller ett exempel.")
        template = "blocks/featured_content_block.html"

    def get_context(self, value, parent_context=None):
        """The chosen page in the reader's language where it is translated (wagtail-localize
        keeps page choices as chosen); else the page itself, whose language the template
        marks. A card for a page the public cannot see shows nothing."""
        context = super().get_context(value, parent_context)
        card = self.card_page(value)
        context["card_page"] = card.specific if card is not None else None
        return context

    def card_page(self, value):
        chosen = value["page"]
        candidates = (chosen.localized, chosen) if chosen is not None else ()
        return next((page for page in candidates if is_visible(page)), None)

    def get_api_representation(self, value, context=None):
        # The same card as the HTML's, in the active language (the page's: base/api_types.py).
        page = self.card_page(value)
        found = cards([page], (context or {}).get("request")) if page else []
        return {
            "page": found[0] if found else None,
            "heading": value["heading"],
            "type_name": str(capfirst(page.specific_class._meta.verbose_name)) if found else None,
        }


class GuidanceStreamBlock(BaseStreamBlock):
    featured = FeaturedContentBlock()
