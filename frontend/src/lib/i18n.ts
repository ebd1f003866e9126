// The front end's own words, Swedish first; everything else comes from the API in the page's language.
const sv = {
  skip: "Hoppa till huvudinnehållet",
  menu: "Huvudmeny",
  otherLanguage: { href: "/en/", lang: "en", label: "English" },
  home: "Startsida",
  footer: "Referenswebbplats byggd på SKL:s innehålls-API.",
  upcoming: "Aktuella webbinarier",
  latest: "Senast publicerat",
  featuredSeries: "Utvalda serier",
  episodes: "Avsnitt",
  filters: "Filtrera webbinarier",
  topic: "Ämne",
  speaker: "Talare",
  organisation: "Organisation",
  year: "År",
  all: "Alla",
  filter: "Filtrera",
  shown: (n: number) => `${n} ${n === 1 ? "avsnitt" : "avsnitt"}`,
  noEpisodes: "Inga avsnitt matchar filtret.",
  series: "Serie",
  episodeOf: (n: number, of: number) => `Avsnitt ${n} av ${of}`,
  previous: "Föregående avsnitt",
  next: "Nästa avsnitt",
  video: "Video",
  noVideo: "Videon publiceras efter sändningen.",
  captions: "Svenska undertexter",
  chapters: "Kapitel",
  transcript: "Transkribering",
  relatedCases: "Relaterade exempel",
  speakers: "Medverkande",
  topics: "Ämnen",
  published: "Publicerad",
  contacts: "Kontakt",
  about: (name: string) => `Om ${name}`,
  comments: (n: number) => `Kommentarer (${n})`,
  noComments: "Inga kommentarer ännu.",
  reply: (by: string) => `Svar från ${by}`,
  writeComment: "Skriv en kommentar",
  name: "Namn (frivilligt)",
  comment: "Kommentar",
  send: "Kommentera",
  commentReceived: "Tack för din kommentar! Den visas på sidan när vi har granskat den.",
  question: "Hjälpte informationen på sidan dig?",
  yes: "Ja",
  no: "Nej",
  thanks: "Tack för att du hjälper oss!",
  better: "Vad kan vi göra bättre? (frivilligt)",
  betterHint: "Skriv inte personuppgifter som namn, telefonnummer eller personnummer. Vi kan inte svara dig här.",
  sendComment: "Skicka kommentar",
  commentThanks: "Tack för din kommentar!",
  honeypot: "Lämna tomt",
  notFound: "Sidan finns inte",
  notFoundText: "Vi hittar ingen sida på den adressen.",
  preview: "Förhandsgranskning – utkastet är inte publicerat.",
  previewGone: "Förhandsgranskningen har gått ut. Öppna den igen från redigeringsvyn.",
};

type Words = typeof sv;

const en: Words = {
  ...sv,
  skip: "Skip to main content",
  menu: "Main menu",
  otherLanguage: { href: "/", lang: "sv", label: "Svenska" },
  home: "Home",
  footer: "A reference site built on SKL's content API.",
  upcoming: "Current webinars",
  latest: "Recently published",
  featuredSeries: "Featured series",
  episodes: "Episodes",
  filters: "Filter webinars",
  topic: "Topic",
  speaker: "Speaker",
  organisation: "Organisation",
  year: "Year",
  all: "All",
  filter: "Filter",
  shown: (n: number) => `${n} ${n === 1 ? "episode" : "episodes"}`,
  noEpisodes: "No episodes match the filter.",
  series: "Series",
  episodeOf: (n: number, of: number) => `Episode ${n} of ${of}`,
  previous: "Previous episode",
  next: "Next episode",
  noVideo: "The video is published after the broadcast.",
  captions: "Captions",
  chapters: "Chapters",
  transcript: "Transcript",
  relatedCases: "Related cases",
  speakers: "Speakers",
  topics: "Topics",
  published: "Published",
  contacts: "Contact",
  about: (name: string) => `About ${name}`,
  comments: (n: number) => `Comments (${n})`,
  noComments: "No comments yet.",
  reply: (by: string) => `Reply from ${by}`,
  writeComment: "Write a comment",
  name: "Name (optional)",
  comment: "Comment",
  send: "Comment",
  commentReceived: "Thank you for your comment! It is shown once we have reviewed it.",
  question: "Was this page helpful?",
  yes: "Yes",
  no: "No",
  thanks: "Thank you for helping us!",
  better: "What could we do better? (optional)",
  betterHint: "Do not write personal data such as names, phone numbers or ID numbers. We cannot answer you here.",
  sendComment: "Send comment",
  commentThanks: "Thank you for your comment!",
  honeypot: "Leave empty",
  notFound: "Page not found",
  notFoundText: "There is no page at that address.",
  preview: "Preview – this draft is not published.",
  previewGone: "The preview has expired. Open it again from the editor.",
};

export type Lang = "sv" | "en";

export function langOf(pathOrLocale: string | null | undefined): Lang {
  const value = pathOrLocale ?? "";
  return value === "en" || value === "/en" || value.startsWith("/en/") ? "en" : "sv";
}

export function words(lang: Lang): Words {
  return lang === "en" ? en : sv;
}

export function formatDate(value: string | null | undefined, lang: Lang): string {
  if (!value) return "";
  const options: Intl.DateTimeFormatOptions = value.includes("T")
    ? { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Stockholm" }
    : { dateStyle: "long", timeZone: "UTC" };
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "sv-SE", options).format(new Date(value));
}

export function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
