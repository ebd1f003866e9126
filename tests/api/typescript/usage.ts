// A front end's typed use of the API, compiled with `tsc --strict` against the types that
// openapi-typescript generates from /api/v3/openapi.json (tests/api/test_schema_typescript.py):
// a change to the document that would break a front end breaks this file.
import type { components, operations } from "./schema";

type Problem = components["schemas"]["ProblemDetail"];
type Json<Op extends keyof operations> = operations[Op]["responses"] extends {
  200: { content: { "application/json": infer Body } };
}
  ? Body
  : never;
type Episode = Json<"webinars_episodes_detail">;
type Found = Json<"site_find">;
type Block = components["schemas"]["GuidanceBodyBlock"];

const API = "http://127.0.0.1:8000/api/v3";

export async function get<Body>(path: string): Promise<Body | Problem> {
  const response = await fetch(`${API}${path}`, { headers: { "Accept-Language": "sv" } });
  return (await response.json()) as Body | Problem;
}

export function isProblem<Body extends object>(answer: Body | Problem): answer is Problem {
  return "status" in answer && "title" in answer && "type" in answer;
}

export function problemMessage(problem: Problem): string {
  const retry = problem.status === 429 || problem.status === 503 ? " (försök igen senare)" : "";
  return `${problem.status} ${problem.title}: ${problem.detail}${retry}`;
}

// The episode endpoint and pages/{id}/ type an episode's fields alike.
type EpisodeFields = Pick<
  Episode,
  "title" | "state" | "video" | "chapters" | "duration_seconds" | "captions_url"
>;

export function describeEpisode(episode: EpisodeFields): string[] {
  const state: "upcoming" | "recorded" | "unscheduled" = episode.state;
  const video = episode.video;
  const player =
    video === null
      ? "ingen video"
      : video.kind === "embed"
        ? `<iframe src="${video.url}">`
        : `<video src="${video.url}" type="${video.mime_type ?? "video/mp4"}">`;
  const chapters = episode.chapters.map(
    (chapter) => `${Math.floor(chapter.start_seconds / 60)}:${chapter.start_seconds % 60} ${chapter.title}`,
  );
  const minutes = episode.duration_seconds === null ? "" : `${episode.duration_seconds / 60} min`;
  return [episode.title, state, player, episode.captions_url ?? "", minutes, ...chapters];
}

// Every block type is handled: a block type added to the API without its schema fails here.
export function renderBlock(block: Block): string {
  switch (block.type) {
    case "heading":
      return `<${block.value.level}>${block.value.text}</${block.value.level}>`;
    case "paragraph":
      return block.value;
    case "quote":
      return `<blockquote>${block.value.quote} – ${block.value.speaker}, ${block.value.role}</blockquote>`;
    case "image": {
      const image = block.value.image;
      const src = image === null ? "" : image.renditions["medium"]?.url ?? "";
      return `<figure><img src="${src}" alt="${image?.alt ?? ""}"><figcaption>${block.value.caption}</figcaption></figure>`;
    }
    case "key_facts":
      return block.value.facts.map((fact) => `${fact.value}: ${fact.label}`).join("\n");
    case "featured":
      return block.value.page === null ? "" : `<a href="${block.value.page.url ?? ""}">${block.value.heading || block.value.page.title}</a>`;
    default: {
      const unknown: never = block;
      return unknown;
    }
  }
}

// A page is one of the page types' schemas, told apart by `meta.type`.
type Page = Found["page"];
type PageOf<Type extends Page["meta"]["type"]> = Extract<Page, { meta: { type: Type } }>;

function isType<Type extends Page["meta"]["type"]>(page: Page, type: Type): page is PageOf<Type> {
  return page.meta.type === type;
}

export function renderBody(found: Found): string {
  const page = found.page;
  if (isType(page, "webinars.WebinarEpisodePage")) return describeEpisode(page).join("\n");
  if ("body" in page) return page.body.map(renderBlock).join("\n");
  return "";
}

export async function main(): Promise<void> {
  const episode = await get<Episode>("/webinars/episodes/1/");
  console.log(isProblem(episode) ? problemMessage(episode) : describeEpisode(episode).join("\n"));
  const found = await get<Found>("/site/find/?path=/en/");
  console.log(isProblem(found) ? problemMessage(found) : renderBody(found));
}
