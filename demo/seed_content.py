"""The seeds' content (shared/seeds/) as data: organisations, people, topics, the series'
episodes and the press release. demo/seed.py builds the site from it."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

DEMO_MEDIA_DIR = Path(__file__).resolve().parent / "demo_media"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
SEED_PUBLISHED = datetime(2017, 6, 29, 9, 0, tzinfo=STOCKHOLM)
DEMO_VIDEO_LENGTH = timedelta(seconds=20)
DEMO_NOTE = "Demomaterial – inte den riktiga inspelningen"
DEMO_NOTE_EN = "Demo material – not the real recording"
PRESS_INDEX_INTRO = (
    "Pressmeddelanden från SKL och våra samarbetspartner om användardriven innovation i "
    "kommuner, landsting och regioner."
)

ORGANISATIONS = [
    ("Sveriges Kommuner och Landsting (SKL)", "forbund", "", ""),
    (
        "SVID, Stiftelsen Svensk Industridesign",
        "stiftelse",
        "https://www.svid.se",
        "<p>SVID, Stiftelsen Svensk Industridesign, arbetar för att design ska användas i allt "
        "innovations- och förändringsarbete. Med design skapar vi konkurrenskraft och innovation "
        "utifrån användaren. Vi arbetar med att sprida kunskap om designmetodiken i såväl privat "
        "näringsliv som offentlig sektor och arbetar aktivt över hela landet för att få fler "
        "aktörer att implementera design i sina verksamheter. Läs mer om SVID på "
        '<a href="https://www.svid.se">www.svid.se</a>.</p>',
    ),
    ("Oxelösunds kommun", "kommun", "", ""),
    ("Eskilstuna kommun", "kommun", "", ""),
    ("Göteborgs stad", "kommun", "", ""),
    ("VINNOVA", "myndighet", "", ""),
]

PEOPLE = [
    # name, role, organisation, phone, email
    ("Catharina Fredriksson", "kommunstyrelsens ordförande", "Oxelösunds kommun", "", ""),
    ("Marie Svensson", "kommunalråd", "Eskilstuna kommun", "", ""),
    (
        "Jonas Gumbel",
        "programansvarig Hälsa, projektledare för Innovationsguiden",
        "SVID, Stiftelsen Svensk Industridesign",
        "08-406 84 44",
        "jonas.gumbel@svid.se",
    ),
    ("Klas Danerlöv", "", "Sveriges Kommuner och Landsting (SKL)", "", ""),
]

TOPICS = [
    ("Användardriven innovation", "anvandardriven-innovation"),
    ("Tjänstedesign", "tjanstedesign"),
    ("Politiskt ledarskap", "politiskt-ledarskap"),
    ("Äldreomsorg", "aldreomsorg"),
]


@dataclass
class EpisodeSeed:
    slug: str
    title: str
    summary: str
    speakers: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)


EPISODES = [
    EpisodeSeed(
        "inledning",
        "Inledning",
        "Inledning om värdet och nyttan med användardriven innovation och tjänstedesign.",
        topics=["anvandardriven-innovation", "tjanstedesign"],
    ),
    EpisodeSeed(
        "oxelosunds-aldreomsorg",
        "Oxelösunds äldreomsorg – från botten till toppen genom tjänstedesign",
        "Tjänstedesign har de senaste åren börjat användas i många olika kommuner runt om i "
        "landet. En av dem är Oxelösund, ta del av hur de på ett oväntat sätt ökat tryggheten "
        "för dom boende i äldreomsorgen.",
        topics=["tjanstedesign", "aldreomsorg"],
        cases=["oxelosunds-aldreomsorg"],
    ),
    EpisodeSeed(
        "politisk-vilja-centralt",
        "Politisk vilja centralt för utveckling av nya idéer",
        "Möt Catharina Fredriksson, kommunstyrelsens ordförande i Oxelösund och Marie Svensson "
        "som är kommunalråd i Eskilstuna, två förtroendevalda som berättar om tjänstedesign som "
        "metod och hur de nya sätten att arbeta påverkat deras politiska vardag.",
        speakers=["Catharina Fredriksson", "Marie Svensson"],
        topics=["politiskt-ledarskap", "tjanstedesign"],
    ),
    EpisodeSeed(
        "goteborgs-stad",
        "Göteborgs stad: ”Arbetskrävande – men enda sättet att fånga medborgarnas behov”",
        "En annan kustkommun som har påbörjat ett innovationsarbete genom tjänstedesign är "
        "Göteborgs stad. På förvaltningen för Konsument- och medborgarservice jobbar man ofta i "
        "nära samverkan med medborgarna, och genom flera tjänstedesignprojekt har förvaltningen "
        "nu börjat se vilka förutsättningar som behövs för lyckade projekt.",
        topics=["tjanstedesign", "anvandardriven-innovation"],
        cases=["goteborgs-stad-konsument-och-medborgarservice"],
    ),
    EpisodeSeed(
        "hitta-eldsjalarna",
        "”Hitta eldsjälarna, börja smått och våga testa!”",
        "Catharina Fredriksson, kommunstyrelsens ordförande i Oxelösund och Marie Svensson "
        "kommunalråd i Eskilstuna, resonerar kring deras roll och erfarenheter av att arbeta med "
        "förändring och utveckling utifrån ett användarperspektiv.",
        speakers=["Catharina Fredriksson", "Marie Svensson"],
        topics=["politiskt-ledarskap", "anvandardriven-innovation"],
    ),
]


DEMO_CAPTIONS_NOTE = "Demotextning till demovideon. Den riktiga inspelningen finns inte i demodata."
# A descriptions track (WCAG 1.2.5) so the demo episodes publish; it describes nothing real.
DEMO_DESCRIPTIONS_NOTE = (
    "Demosyntolkning till demovideon. Den riktiga syntolkningen finns inte i demodata."
)
DEMO_DESCRIPTIONS_NOTE_EN = (
    "Demo audio description for the demo video; the real one is not in the demo data."
)


def demo_captions(comment: str, note: str, title: str) -> str:
    """WebVTT for the demo video: the note while it says nothing, then the episode's title."""
    return (
        f"WEBVTT\n\nNOTE {comment}\n\n1\n00:00:00.000 --> 00:00:09.500\n[{note}]\n\n"
        f"2\n00:00:10.000 --> 00:00:19.500\n{title}\n"
    )


def demo_transcript(episode: EpisodeSeed) -> str:
    return (
        f"<p><b>{DEMO_NOTE}.</b> Här visas transkriberingen när den riktiga inspelningen "
        "publiceras. Demovideon innehåller ingen tal.</p>"
        f"<p>{episode.summary}</p>"
    )


PRESS_RELEASE_BODY = [
    (
        "paragraph",
        "<p>Syftet med projektet är att testa och utveckla SKL:s innovationsmodell, "
        "med målet att ta fram ett metodstöd för lokalt innovationsarbete som ska kunna "
        "användas av alla SKL:s medlemmar. SVID har fått i uppdrag att genomföra projektet.</p>",
    ),
    (
        "quote",
        {
            "quote": "Om vi ska klara av framtidens utmaningar måste vi förstå vad som "
            "skapar värde för våra invånare. Den typen av insikter måste sedan ligga till "
            "grund för hur vi skapar nya och bättre lösningar för hur välfärden levereras av "
            "samhället. Designmetodik har visat sig vara ett väldigt effektivt verktyg för "
            "just detta. Det handlar helt enkelt om att utgå från invånarnas behov och att "
            "samskapa lösningar utifrån det.",
            "speaker": "Jonas Gumbel",
            "role": "programansvarig Hälsa, SVID, och projektledare för Innovationsguiden på SKL",
        },
    ),
    (
        "paragraph",
        "<p>Uppdraget går ut på att tillsammans med ett antal kommuner, landsting och "
        "regioner testa en modell för förnyelsestöd med SKL:s innovationsmodell som "
        "utgångspunkt.</p><p>Jonas Gumbel ansvarar för ett team om fyra personer med bakgrund "
        "inom design och innovation som kommer att arbeta tillsammans med nyckelpersoner i "
        "kommunerna och landstingen. Som en del av stödet strävar teamet också efter att "
        "hitta en skalbar modell för coachning på distans. Tanken är att coacherna sedan kan "
        "fungera som resurspersoner och i sin tur utbilda andra i hur man arbetar med förnyelse "
        "genom användarinvolvering.</p>",
    ),
    (
        "quote",
        {
            "quote": "Kommuner, landsting och regioner efterfrågar stöd för "
            "verksamhetsutveckling utifrån ett användarperspektiv, därför vill vi bidra med "
            "konkreta verktyg och metoder som fungerar. Vårt gemensamma arbete lägger grunden "
            "för en utveckling som bygger på kunskaper och erfarenheter hos invånare som tar "
            "del av offentliga tjänster.",
            "speaker": "Klas Danerlöv",
            "role": "SKL",
        },
    ),
    (
        "paragraph",
        "<p>Projektet finansieras av VINNOVA och uppdraget ska vara slutfört den 31 "
        "januari 2017.</p>",
    ),
    (
        "key_facts",
        {
            "heading": "Fakta",
            "facts": [
                {
                    "value": "Innovationsguiden",
                    "label": "Användardriven innovation för bättre välfärdstjänster",
                },
                {"value": "Runt tio", "label": "kommuner, landsting och regioner får stöd"},
                {"value": "VINNOVA", "label": "finansierar projektet"},
                {"value": "31 januari 2017", "label": "uppdraget ska vara slutfört"},
            ],
        },
    ),
]
