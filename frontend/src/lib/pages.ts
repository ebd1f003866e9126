import type { AnyPage } from "./api";

export type PageType = AnyPage["meta"]["type"];
export type PageOf<T extends PageType> = Extract<AnyPage, { meta: { type: T } }>;

/** The page as its own type's schema (the document declares `meta.type` as a constant). */
export function asType<T extends PageType>(page: AnyPage, type: T): PageOf<T> | null {
  return page.meta.type === type ? (page as PageOf<T>) : null;
}
