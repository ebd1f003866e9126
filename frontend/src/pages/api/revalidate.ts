// The CMS's webhook (docs/api.md, "Webhooks"): a signed event drops the cached answers its
// paths affect, so a publish shows at once. Register http(s)://<this site>/api/revalidate and
// start the site with the secret the admin shows: SKL_WEBHOOK_SECRET=whsec_…
import type { APIRoute } from "astro";
import { revalidate } from "../../lib/cache";
import { verifyWebhook } from "../../lib/webhook";

export const POST: APIRoute = async ({ request }) => {
  const secret = process.env.SKL_WEBHOOK_SECRET;
  if (!secret) return new Response("SKL_WEBHOOK_SECRET is not set\n", { status: 503 });
  const body = await request.text();
  if (!verifyWebhook(secret, request.headers, body)) return new Response(null, { status: 401 });
  let paths: string[] | null = null;
  try {
    const data: unknown = (JSON.parse(body) as { data?: unknown }).data;
    const given = (data as { paths?: unknown } | undefined)?.paths;
    if (Array.isArray(given)) paths = given.filter((path): path is string => typeof path === "string");
  } catch {
    return new Response(null, { status: 400 });
  }
  // Page events name their paths; snippets and images can show anywhere, and a page that went
  // private has none: drop everything.
  const dropped = revalidate(paths?.length ? paths : null);
  return Response.json({ dropped });
};
