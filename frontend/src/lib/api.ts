// Every answer the pages use, through the client generated from /api/v3/openapi.json
// (`npm run generate`: openapi-typescript; openapi-fetch), cached per page path (./cache).
import createClient from "openapi-fetch";
import type { paths } from "../api/schema";
import { cached } from "./cache";

export const API_URL = (process.env.SKL_API ?? "http://127.0.0.1:8000").replace(/\/+$/, "");
export const client = createClient<paths>({ baseUrl: API_URL });

// Types by path, not by schema name: the names may change, the endpoints stay.
type Ok<T> = T extends { responses: { 200: { content: { "application/json": infer R } } } } ? R : never;
type JsonBody<T> = T extends { requestBody: { content: { "application/json": infer B } } } ? B : never;
export type Found = Ok<paths["/api/v3/site/find/"]["get"]>;
export type AnyPage = Found["page"];
export type EpisodeCard = Ok<paths["/api/v3/webinars/episodes/"]["get"]>["items"][number];
export type AnyCard = Ok<paths["/api/v3/site/cards/"]["get"]>["items"][number];
export type Image = NonNullable<EpisodeCard["thumbnail"]>;
export type EpisodeDetail = Ok<paths["/api/v3/webinars/episodes/{episode_id}/"]["get"]>;
export type EpisodeQuery = NonNullable<
  paths["/api/v3/webinars/episodes/"]["get"]["parameters"]["query"]
>;

/** What the API refused, with its problem+json `detail` (or the first of its `errors`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function problem(error: unknown, status: number): ApiError {
  const body = (error ?? {}) as { detail?: unknown; errors?: unknown };
  const errors = Array.isArray(body.errors) ? body.errors : [];
  const first = errors[0] as { msg?: unknown; message?: unknown } | undefined;
  const text = body.detail ?? first?.msg ?? first?.message ?? `HTTP ${status}`;
  return new ApiError(status, String(text));
}

function must<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) throw problem(result.error, result.response.status);
  return result.data;
}

/** The page at a URL path, with its head data; null when the API has none there (404). */
export function findPage(path: string): Promise<Found | null> {
  return cached(path, `find ${path}`, async () => {
    const result = await client.GET("/api/v3/site/find/", { params: { query: { path } } });
    if (result.response.status === 404) return null;
    return must(result);
  });
}

/** An editor's unsaved draft from the admin's preview: never cached. */
export async function previewPage(token: string): Promise<AnyPage | null> {
  const result = await client.GET("/api/v3/site/preview/", { params: { query: { token } } });
  if (result.response.status === 404 || result.response.status === 400) return null;
  return must(result) as AnyPage;
}

export function navigation(homePath: string, locale: string) {
  return cached(homePath, `navigation ${locale}`, async () =>
    must(await client.GET("/api/v3/site/navigation/", { params: { query: { locale } } })),
  );
}

export function episodes(path: string | null, query: EpisodeQuery) {
  const key = `episodes ${JSON.stringify(query)}`;
  return cached(path, key, async () =>
    must(await client.GET("/api/v3/webinars/episodes/", { params: { query } })),
  );
}

/** An episode with its player, chapters and transcript; with a preview token, the draft. */
export function episode(path: string | null, id: number, token?: string) {
  return cached(token ? null : path, `episode ${id}`, async () => {
    const result = await client.GET("/api/v3/webinars/episodes/{episode_id}/", {
      params: { path: { episode_id: id }, query: token ? { token } : {} },
    });
    if (result.response.status === 404) return null;
    return must(result);
  });
}

export function catalogueFilters(path: string | null, locale: string) {
  return cached(path, `filters ${locale}`, async () =>
    must(await client.GET("/api/v3/webinars/filters/", { params: { query: { locale } } })),
  );
}

/** A list page's children as cards (case lists, the press room), as its HTML lists them. */
export function childCards(path: string | null, id: number) {
  return cached(path, `cards ${id}`, async () =>
    must(await client.GET("/api/v3/site/cards/", { params: { query: { child_of: id, limit: 100 } } })),
  );
}

export function latestChanges(path: string | null, locale: string) {
  return cached(path, `changes ${locale}`, async () =>
    must(await client.GET("/api/v3/changes/", { params: { query: { locale, limit: 5 } } })),
  );
}

export function comments(path: string | null, page: number) {
  return cached(path, `comments ${page}`, async () =>
    must(await client.GET("/api/v3/comments/", { params: { query: { page, limit: 100 } } })),
  );
}

// The writes go to the API from this server, so visitors' browsers need no CORS nor JavaScript.
// The visitor's address goes along for the API's rate limits, which count it where the API
// trusts this server as its proxy (TRUSTED_PROXIES=1); else every visitor shares this server's.
function writeHeaders(locale: string, visitor: string) {
  return { "Accept-Language": locale, "X-Forwarded-For": visitor };
}

export async function sendFeedback(
  locale: string,
  visitor: string,
  body: JsonBody<paths["/api/v3/feedback/"]["post"]>,
) {
  const headers = writeHeaders(locale, visitor);
  return must(await client.POST("/api/v3/feedback/", { body, headers }));
}

export async function sendFeedbackComment(
  locale: string,
  visitor: string,
  body: JsonBody<paths["/api/v3/feedback/comment/"]["post"]>,
) {
  const headers = writeHeaders(locale, visitor);
  return must(await client.POST("/api/v3/feedback/comment/", { body, headers }));
}

export async function sendComment(
  locale: string,
  visitor: string,
  body: JsonBody<paths["/api/v3/comments/"]["post"]>,
) {
  const headers = writeHeaders(locale, visitor);
  return must(await client.POST("/api/v3/comments/", { body, headers }));
}
