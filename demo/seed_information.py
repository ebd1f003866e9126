"""The site's information pages in Swedish and English: the accessibility statement, personal
data, about the site and contact. Every sentence describes what this site's code does; the
retention periods are read from the settings the retention commands use."""

from datetime import date

from django.conf import settings

from demo.seed_translations import create_translation, prepare_translation
from information.models import AccessibilityStatementPage, InformationPage

# The day the site was last assessed (tests/browser/test_reflow.py and the axe and Nu checks
# of every page type) and the statement written.
ASSESSED_ON = date(2026, 12, 7)

SKL = "Sveriges Kommuner och Landsting (SKL)"
CONTACT_EMAIL = "info@skl.se"


class Texts:
    """Each Swedish text with its English rendering, for wagtail-localize's translation."""

    def __init__(self):
        self.english = {}

    def __call__(self, swedish, english):
        self.english[swedish] = english
        return swedish

    def paragraph(self, swedish, english):
        return ("paragraph", f"<p>{self(swedish, english)}</p>")

    def heading(self, swedish, english):
        return ("heading", {"text": self(swedish, english), "level": "h2"})


def retention(days):
    """How long something is kept, in Swedish and English."""
    if days <= 0:
        return "tills en redaktör tar bort dem", "until an editor deletes them"
    months = round(days / 30.44)
    return (
        f"i {days} dagar (ungefär {months} månader)",
        f"for {days} days (about {months} months)",
    )


def contact_page(t):
    return {
        "title": t("Kontakt", "Contact"),
        "slug": t("kontakt", "contact"),
        "intro": t(
            f"Webbplatsen ges ut av {SKL}. Så här når du oss.",
            "This website is published by the Swedish Association of Local Authorities and "
            "Regions (SKL). This is how to reach us.",
        ),
        "body": [
            t.paragraph(
                f"E-post: {CONTACT_EMAIL}. Telefon (växel): 08-452 70 00. Postadress: {SKL}, "
                "118 82 Stockholm. Besöksadress: Hornsgatan 20, Stockholm.",
                f"E-mail: {CONTACT_EMAIL}. Telephone (switchboard): +46 8 452 70 00. Postal "
                "address: Sveriges Kommuner och Landsting, SE-118 82 Stockholm, Sweden. "
                "Visiting address: Hornsgatan 20, Stockholm.",
            ),
            t.paragraph(
                "Har du frågor om ett pressmeddelande? Kontaktpersonerna står i varje "
                "pressmeddelande.",
                "Questions about a press release? Its contacts are listed in each press release.",
            ),
            t.paragraph(
                "Längst ner på de flesta sidor kan du svara på frågan om informationen hjälpte "
                "dig och lämna en kommentar. Svaren är anonyma, så vi kan inte svara dig där: "
                "skriv till oss om du vill ha svar.",
                "At the bottom of most pages you can answer whether the information helped you "
                "and leave a comment. Answers are anonymous, so we cannot reply to you there: "
                "write to us if you would like an answer.",
            ),
        ],
    }


def privacy_page(t):
    feedback_sv, feedback_en = retention(settings.FEEDBACK_COMMENT_RETENTION_DAYS)
    comments_sv, comments_en = retention(settings.COMMENT_RETENTION_DAYS)
    return {
        "title": t("Personuppgifter", "Personal data"),
        "slug": t("personuppgifter", "personal-data"),
        "intro": t(
            "Så här hanterar vi uppgifter när du använder webbplatsen. Vi använder inga kakor "
            "(cookies) för besökare och frågar aldrig efter din e-postadress.",
            "How we handle information when you use this website. We use no cookies for "
            "visitors and never ask for your e-mail address.",
        ),
        "body": [
            t.heading(
                "Frågan “Hjälpte informationen på sidan dig?”",
                "The question “Did the information on this page help you?”",
            ),
            t.paragraph(
                "När du svarar sparar vi svaret (ja eller nej), sidan, sidans språk och "
                "tidpunkten. Vi sparar inte din IP-adress, någon kaka eller vem du är. Om du "
                "skriver en kommentar tar vi bort e-postadresser, telefonnummer och "
                "personnummer ur texten innan den sparas. Kommentarerna sparas "
                f"{feedback_sv}; sedan raderas de och bara antalet svar finns kvar.",
                "When you answer we store the answer (yes or no), the page, its language and "
                "the time. We do not store your IP address, a cookie or who you are. If you "
                "write a comment, e-mail addresses, telephone numbers and personal identity "
                "numbers are removed from it before it is stored. Comments are kept "
                f"{feedback_en}; then they are deleted and only the number of answers remains.",
            ),
            t.heading("Kommentarer på pressmeddelanden", "Comments on press releases"),
            t.paragraph(
                "En kommentar sparas med texten, ditt namn om du skriver ett (det är frivilligt), "
                "sidan, språket och tidpunkten. E-postadresser, telefonnummer och personnummer "
                "tas bort ur namn och text innan de sparas. Kommentaren visas först när en "
                "redaktör har granskat den, och vi sparar vem som granskade den och när. "
                f"Kommentarer sparas {comments_sv}.",
                "A comment is stored with its text, your name if you give one (it is optional), "
                "the page, the language and the time. E-mail addresses, telephone numbers and "
                "personal identity numbers are removed from the name and the text before they "
                "are stored. A comment is shown only after an editor has reviewed it, and we "
                f"store who reviewed it and when. Comments are kept {comments_en}.",
            ),
            t.heading("Skydd mot missbruk", "Protection against abuse"),
            t.paragraph(
                "För att stoppa automatiska inskick räknar vi hur många svar och kommentarer som "
                "kommer från samma adress under tio minuter. Vi sparar inte IP-adressen för det, "
                "utan en kod som räknas fram ur adressen, dagens datum och en hemlig nyckel. "
                "Koden finns bara i ett tillfälligt minne och försvinner efter tio minuter.",
                "To stop automated submissions we count how many answers and comments come from "
                "the same address within ten minutes. We do not store the IP address for this, "
                "but a code calculated from the address, the date and a secret key. The code is "
                "kept only in a temporary memory and disappears after ten minutes.",
            ),
            t.heading("Kakor och video", "Cookies and video"),
            t.paragraph(
                "Webbplatsen sätter inga kakor för besökare. Bara redaktörer som loggar in, och "
                "den som anger lösenordet till en lösenordsskyddad sida, får en kaka som håller "
                "inloggningen. Videor från YouTube eller Vimeo spelas i deras "
                "integritetsförbättrade spelare (youtube-nocookie.com och Vimeo utan spårning).",
                "This website sets no cookies for visitors. Only editors who log in, and anyone "
                "who enters the password of a password-protected page, get a cookie that keeps "
                "them logged in. Videos from YouTube or Vimeo play in their privacy-enhanced "
                "players (youtube-nocookie.com and Vimeo without tracking).",
            ),
            t.heading("Dina rättigheter", "Your rights"),
            t.paragraph(
                f"Personuppgiftsansvarig är {SKL}. Du har rätt att få veta vilka uppgifter vi har "
                "om dig och att få dem rättade eller raderade. Eftersom vi inte sparar vem som "
                "skickade ett svar eller en kommentar, berätta vilken kommentar det gäller så tar "
                "vi bort den. Du kan också klaga till Integritetsskyddsmyndigheten (IMY).",
                "The controller of personal data is the Swedish Association of Local Authorities "
                "and Regions (SKL). You have the right to know what information we hold about you "
                "and to have it corrected or deleted. As we do not store who sent an answer or a "
                "comment, tell us which comment it is and we will delete it. You can also "
                "complain to the Swedish Authority for Privacy Protection (IMY).",
            ),
        ],
    }


def about_page(t):
    return {
        "title": t("Om webbplatsen", "About this website"),
        "slug": t("om-webbplatsen", "about-this-website"),
        "intro": t(
            "Webbinarier, exempel och vägledning från SKL om användardriven innovation för "
            "kommuner, landsting och regioner.",
            "Webinars, cases and guidance from SKL on user-driven innovation for "
            "municipalities, county councils and regions.",
        ),
        "body": [
            t.paragraph(
                f"Webbplatsen ges ut av {SKL}. Här finns webbinarieserien Politiskt ledarskap och "
                "innovation, exempel från kommuner som arbetar med tjänstedesign, vägledning och "
                "pressmeddelanden. Innehållet finns på svenska och en del av det på engelska.",
                "This website is published by the Swedish Association of Local Authorities and "
                "Regions (SKL). It holds the webinar series Political leadership and innovation, "
                "cases from municipalities that work with service design, guidance and press "
                "releases. The content is in Swedish, and part of it in English.",
            ),
            t.paragraph(
                "Videorna på webbplatsen är i dag demomaterial, inte de riktiga inspelningarna.",
                "The videos on this website are currently demo material, not the real recordings.",
            ),
            t.paragraph(
                "Webbplatsen är byggd med publiceringsverktyget Wagtail, som är öppen källkod.",
                "The website is built with the open-source content management system Wagtail.",
            ),
        ],
    }


def statement_page(t):
    return {
        "title": t("Tillgänglighetsredogörelse", "Accessibility statement"),
        "slug": t("tillganglighetsredogorelse", "accessibility-statement"),
        "intro": t(
            f"{SKL} står bakom den här webbplatsen. Vi vill att så många som möjligt ska kunna "
            "använda den. Här beskriver vi hur webbplatsen uppfyller lagen om tillgänglighet "
            "till digital offentlig service, vilka kända brister den har och hur du kan "
            "rapportera problem till oss så att vi kan åtgärda dem.",
            "The Swedish Association of Local Authorities and Regions (SKL) is responsible for "
            "this website. We want as many people as possible to be able to use it. This "
            "statement describes how the website complies with the Swedish act on accessibility "
            "to digital public services, its known shortcomings and how you can report problems "
            "to us so that we can fix them.",
        ),
        "compliance": AccessibilityStatementPage.Compliance.PARTIAL,
        "deficiencies": "<ul><li>"
        + t(
            "Videorna är demomaterial: de har inget tal, och deras textning och "
            "transkribering är platshållare för de riktiga inspelningarna.",
            "The videos are demo material: they contain no speech, and their captions and "
            "transcripts are placeholders for the real recordings.",
        )
        + "</li><li>"
        + t(
            "Videorna har ingen syntolkning och det finns inga syntolkade versioner "
            "(WCAG 1.2.5, syntolkning av förinspelad video).",
            "The videos have no audio description and there are no described versions "
            "(WCAG 1.2.5, audio description of prerecorded video).",
        )
        + "</li></ul>",
        "exempt_content": "<p>"
        + t(
            "Förinspelad video som publicerades före den 23 september 2020 omfattas inte av "
            "lagens krav. Alla inspelningar vi publicerar är ändå textade.",
            "Prerecorded video published before 23 September 2020 is not covered by the act. "
            "All recordings we publish are captioned nonetheless.",
        )
        + "</p>",
        "contact_email": t(CONTACT_EMAIL, CONTACT_EMAIL),
        "assessment": t(
            "Vi har gjort en självskattning (intern granskning) av webbplatsen. Varje sidtyp "
            "testas automatiskt i webbläsaren Chromium, på svenska och engelska, med axe-core "
            "mot WCAG 2.1 AA och i 320 pixlars bredd, och sidornas HTML med Nu Html Checker. "
            "Formulären och navigeringen testas också med enbart tangentbord.",
            "We have made a self-assessment (internal review) of the website. Every page type is "
            "tested automatically in the Chromium browser, in Swedish and English, with axe-core "
            "against WCAG 2.1 AA and at a width of 320 pixels, and the pages' HTML with the Nu "
            "Html Checker. The forms and the navigation are also tested with the keyboard only.",
        ),
        "assessed_on": ASSESSED_ON,
        "updated_on": ASSESSED_ON,
    }


def load_information_pages(loader, home, en):
    """The four pages under the Swedish home page, in the footer's order, the statement linking
    the contact page, each translated into English through wagtail-localize."""
    t = Texts()
    pages = [loader.page(home, AccessibilityStatementPage, **statement_page(t))]
    pages += [
        loader.page(home, InformationPage, **fields)
        for fields in (privacy_page(t), about_page(t), contact_page(t))
    ]
    statement, contact = pages[0], pages[-1]
    if statement.contact_page_id is None:
        statement.contact_page = contact
        statement.save_revision().publish()
    for page in pages:
        if not page.has_translation(en):
            prepare_translation(page, en, t.english)
            loader.note("översättning (en)", create_translation(page, en).title)
    return pages
