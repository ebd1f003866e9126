"""English translations of part of the demo site, made through wagtail-localize's own machinery
(translation sources, string translations, `Translation.save_target`), so they appear in the
admin as real translations that editors can update, sync and export as PO files.

The English is a faithful rendering of the Swedish seed texts; nothing is added."""

import json

from wagtail.models import Revision
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

ENGLISH = {
    # Home
    "SKL – användardriven innovation": "SKL – user-driven innovation",
    "start": "start",
    "För att stärka innovationsförmågan involverar allt fler olika brukargrupper i "
    "utvecklingsarbetet. Men hur påverkas det politiska ledarskapet när invånare involveras i "
    "utvecklingen av sina tjänster?": "To strengthen their capacity for innovation, more and more "
    "organisations involve different groups of service users in their development work. But how is "
    "political leadership affected when residents are involved in developing their services?",
    # Catalogue and series
    "Webbinarier": "Webinars",
    "webbinarier": "webinars",
    "Webbinarier från SKL om användardriven innovation.": "Webinars from SKL on user-driven "
    "innovation.",
    "Politiskt ledarskap och innovation": "Political leadership and innovation",
    "politiskt-ledarskap-och-innovation": "political-leadership-and-innovation",
    "I webbinarieserien Politiskt ledarskap och innovation får du som politisk företrädare "
    "vägledning i hur du kan styra en process som utgår från brukarnas behov och syftar till att "
    "utveckla verksamheten.": "In the webinar series Political leadership and innovation, you as "
    "an elected representative get guidance on how to steer a process that starts from the needs "
    "of service users and aims to develop the organisation's services.",
    "Det här är den första delen i SKL:s webbinarie-serie om politiskt ledarskap och innovation. "
    "I de kommande två delarna kommer vi att titta närmare på hur politiska initiativ kan bidra "
    "till innovationsarbetet.": "This is the first part of SKL's webinar series on political "
    "leadership and innovation. In the coming two parts we will take a closer look at how "
    "political initiatives can contribute to innovation work.",
    # Episodes
    "Inledning": "Introduction",
    "inledning": "introduction",
    "Inledning om värdet och nyttan med användardriven innovation och tjänstedesign.": "An "
    "introduction to the value and benefits of user-driven innovation and service design.",
    "<b>Demomaterial – inte den riktiga inspelningen.</b> Här visas transkriberingen när den "
    "riktiga inspelningen publiceras. Demovideon innehåller ingen tal.": "<b>Demo material – not "
    "the real recording.</b> The transcript will be shown here when the real recording is "
    "published. The demo video contains no speech.",
    "Oxelösunds äldreomsorg – från botten till toppen genom tjänstedesign": "Oxelösund's elderly "
    "care – from the bottom to the top through service design",
    "oxelosunds-aldreomsorg": "oxelosund-elderly-care",
    "Tjänstedesign har de senaste åren börjat användas i många olika kommuner runt om i landet. "
    "En av dem är Oxelösund, ta del av hur de på ett oväntat sätt ökat tryggheten för dom boende "
    "i äldreomsorgen.": "In recent years service design has begun to be used in many "
    "municipalities around the country. One of them is Oxelösund: learn how, in an unexpected "
    "way, they have made residents in elderly care feel safer.",
    "Politisk vilja centralt för utveckling av nya idéer": "Political will is central to "
    "developing new ideas",
    "politisk-vilja-centralt": "political-will-is-central",
    "Möt Catharina Fredriksson, kommunstyrelsens ordförande i Oxelösund och Marie Svensson som är "
    "kommunalråd i Eskilstuna, två förtroendevalda som berättar om tjänstedesign som metod och hur "
    "de nya sätten att arbeta påverkat deras politiska vardag.": "Meet Catharina Fredriksson, "
    "chair of the municipal executive board in Oxelösund, and Marie Svensson, municipal "
    "commissioner in Eskilstuna, two elected representatives who talk about service design as a "
    "method and how the new ways of working have affected their everyday political work.",
    "Göteborgs stad: ”Arbetskrävande – men enda sättet att fånga medborgarnas behov”": "City of "
    "Gothenburg: “Labour-intensive – but the only way to capture citizens' needs”",
    "goteborgs-stad": "city-of-gothenburg",
    "En annan kustkommun som har påbörjat ett innovationsarbete genom tjänstedesign är Göteborgs "
    "stad. På förvaltningen för Konsument- och medborgarservice jobbar man ofta i nära samverkan "
    "med medborgarna, och genom flera tjänstedesignprojekt har förvaltningen nu börjat se vilka "
    "förutsättningar som behövs för lyckade projekt.": "Another coastal municipality that has "
    "begun innovation work through service design is the City of Gothenburg. At the Consumer and "
    "Citizen Services administration, staff often work in close collaboration with citizens, and "
    "through several service design projects the administration has now begun to see which "
    "conditions are needed for successful projects.",
    "”Hitta eldsjälarna, börja smått och våga testa!”": "“Find the champions, start small and "
    "dare to try!”",
    "hitta-eldsjalarna": "find-the-champions",
    "Catharina Fredriksson, kommunstyrelsens ordförande i Oxelösund och Marie Svensson "
    "kommunalråd i Eskilstuna, resonerar kring deras roll och erfarenheter av att arbeta med "
    "förändring och utveckling utifrån ett användarperspektiv.": "Catharina Fredriksson, chair of "
    "the municipal executive board in Oxelösund, and Marie Svensson, municipal commissioner in "
    "Eskilstuna, reflect on their role and their experience of working with change and "
    "development from a user perspective.",
    "Om demomaterialet": "About the demo material",
    # Cases
    "Exempel": "Cases",
    "exempel": "cases",
    "Konkreta tips, råd och idéer från kommuner, landsting och regioner som har arbetat med "
    "användardriven innovation.": "Concrete tips, advice and ideas from municipalities, county "
    "councils and regions that have worked with user-driven innovation.",
    "Hitta eldsjälarna, börja smått och våga testa!": "Find the champions, start small and dare "
    "to try!",
    "Catharina Fredriksson och Marie Svensson": "Catharina Fredriksson and Marie Svensson",
    "kommunstyrelsens ordförande i Oxelösund och kommunalråd i Eskilstuna": "chair of the "
    "municipal executive board in Oxelösund and municipal commissioner in Eskilstuna",
    # Topics and people (translatable snippets)
    "Tjänstedesign": "Service design",
    "tjanstedesign": "service-design",
    "Politiskt ledarskap": "Political leadership",
    "politiskt-ledarskap": "political-leadership",
    "Äldreomsorg": "Elderly care",
    "aldreomsorg": "elderly-care",
    "Catharina Fredriksson": "Catharina Fredriksson",
    "kommunstyrelsens ordförande": "chair of the municipal executive board",
    "Marie Svensson": "Marie Svensson",
    "kommunalråd": "municipal commissioner",
    # Guidance
    "Användardriven innovation": "User-driven innovation",
    "anvandardriven-innovation": "user-driven-innovation",
    "I webbinarieserien Politiskt ledarskap och innovation får du som politisk företrädare "
    "vägledning i hur du kan styra en process som utgår från brukarnas behov och syftar till att "
    "utveckla verksamheten. Här finns konkreta tips, råd och idéer från kommuner, landsting och "
    "regioner som har arbetat med användardriven innovation.": "In the webinar series Political "
    "leadership and innovation, you as an elected representative get guidance on how to steer a "
    "process that starts from the needs of service users and aims to develop the organisation's "
    "services. Here you will find concrete tips, advice and ideas from municipalities, county "
    "councils and regions that have worked with user-driven innovation.",
}


class MissingEnglishText(Exception):
    pass


def prepare_translation(instance, locale, english=ENGLISH):
    """`instance`'s translation source with each of its strings translated into `locale` from
    `english`; a missing one is an error rather than a silent fallback to Swedish."""
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    Translation.objects.get_or_create(source=source, target_locale=locale)
    missing, manual = [], StringTranslation.TRANSLATION_TYPE_MANUAL
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = english.get(segment.string.data)
        if text is None:
            missing.append(segment.string.data)
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": manual},
        )
    if missing:
        raise MissingEnglishText(f"{instance}: {missing}")
    return source


def override(source, locale, field, value):
    """Choose a different image/document/media for the translation (wagtail-localize's
    "overridable segments"), e.g. English captions on the English episode."""
    segment = OverridableSegment.objects.get(source=source, context__path=field)
    SegmentOverride.objects.update_or_create(
        locale=locale, context=segment.context, defaults={"data_json": json.dumps(value)}
    )


def translate_snippet(snippet, locale):
    """Translate a snippet (topic, person) the same way; snippets are saved, not published."""
    prepare_translation(snippet, locale).create_or_update_translation(locale, fallback=True)
    return snippet.get_translation(locale)


def create_translation(page, locale):
    """Create or update and publish the translation now (not at commit, as wagtail-localize's
    `save_target` does: publishing a parent at commit from its first revision would write back
    a stale child count once its children exist)."""
    source = TranslationSource.objects.get_for_instance(page)
    source.create_or_update_translation(
        locale, publish=False, fallback=True, copy_parent_pages=True
    )
    translated = page.get_translation(locale)
    Revision.objects.get(pk=translated.latest_revision_id).publish()
    return translated.specific_class.objects.get(pk=translated.pk)
