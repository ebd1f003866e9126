// The front end's small cache of API answers, each filed under the URL path of the page it was
// fetched for. A webhook event drops the entries its paths affect (see `affects`); the TTL is a
// safety net for an event that never arrives.

interface Entry {
  path: string;
  expires: number;
  value: unknown;
}

const MAX_ENTRIES = 500;
const TTL_MS = Number(process.env.SKL_CACHE_SECONDS ?? 300) * 1000;
const entries = new Map<string, Entry>();

/** The answer `load` gives, kept under `path`; a null path (drafts) is never kept. */
export async function cached<T>(path: string | null, key: string, load: () => Promise<T>): Promise<T> {
  if (path === null) return load();
  const hit = entries.get(key);
  if (hit && hit.path === path && hit.expires > Date.now()) return hit.value as T;
  const value = await load();
  entries.delete(key);
  if (entries.size >= MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  entries.set(key, { path, expires: Date.now() + TTL_MS, value });
  return value;
}

// A change at /a/b/ shows on /a/b/ itself, on the pages above it (their listings and the home
// page show it) and, when it moved or went away, on the pages below it.
export function affects(changed: string, cachedPath: string): boolean {
  return changed.startsWith(cachedPath) || cachedPath.startsWith(changed);
}

/** Drops what the changed paths affect; no paths (snippets, images): everything. */
export function revalidate(paths: readonly string[] | null): number {
  let dropped = 0;
  for (const [key, entry] of entries) {
    if (paths === null || paths.some((changed) => affects(changed, entry.path))) {
      entries.delete(key);
      dropped += 1;
    }
  }
  return dropped;
}
