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

export function describeEpisode(episode: Episode): string[] {
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

export async function main(): Promise<void> {
  const episode = await get<Episode>("/webinars/episodes/1/");
  console.log(isProblem(episode) ? problemMessage(episode) : describeEpisode(episode).join("\n"));
}
