// StreamField blocks (`body`) as the templates need them. Read defensively, one block type at a
// time, so a block type this front end does not know yet is skipped rather than shown wrongly.

export type Block =
  | { kind: "html"; id: string; html: string }
  | { kind: "heading"; id: string; text: string; level: 2 | 3 }
  | { kind: "quote"; id: string; quote: string; speaker: string; role: string }
  | { kind: "image"; id: string; url: string; alt: string; width: number; height: number; caption: string }
  | { kind: "facts"; id: string; heading: string; facts: { value: string; label: string }[] }
  | { kind: "link"; id: string; heading: string; title: string; url: string };

type Data = Record<string, unknown>;

const record = (value: unknown): Data =>
  typeof value === "object" && value !== null ? (value as Data) : {};
const text = (value: unknown): string => (typeof value === "string" ? value : "");
const int = (value: unknown): number => (typeof value === "number" ? value : 0);

function block(raw: unknown): Block | null {
  const { type, value, id: rawId } = record(raw);
  const id = text(rawId);
  const v = record(value);
  switch (type) {
    case "paragraph":
      return { kind: "html", id, html: text(value) };
    case "heading":
      return { kind: "heading", id, text: text(v.text), level: v.level === "h3" ? 3 : 2 };
    case "quote":
      return { kind: "quote", id, quote: text(v.quote), speaker: text(v.speaker), role: text(v.role) };
    case "image": {
      const image = record(v.image);
      const rendition = record(record(image.renditions).medium);
      if (!rendition.url) return null;
      return {
        kind: "image",
        id,
        url: text(rendition.url),
        alt: text(image.alt),
        width: int(rendition.width),
        height: int(rendition.height),
        caption: text(v.caption),
      };
    }
    case "key_facts":
      return {
        kind: "facts",
        id,
        heading: text(v.heading),
        facts: (Array.isArray(v.facts) ? v.facts : []).map((fact) => ({
          value: text(record(fact).value),
          label: text(record(fact).label),
        })),
      };
    case "featured": {
      const page = record(v.page);
      if (!page.url) return null;
      return { kind: "link", id, heading: text(v.heading), title: text(page.title), url: text(page.url) };
    }
    default:
      return null;
  }
}

export function blocks(body: unknown): Block[] {
  return (Array.isArray(body) ? body : []).map(block).filter((b): b is Block => b !== null);
}

/** A page's fields by name, for the page types rendered generically (articles, cases, information). */
export function field(page: unknown, name: string): unknown {
  return record(page)[name];
}

export { record, text };
