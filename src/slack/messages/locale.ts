import type { Locale } from "../../domain/locale.js";

export type { Locale };

/** A message catalog: the Norwegian text is the source, English must match it key for key. */
export type Catalog<T> = { readonly nb: T; readonly en: T };

export function pick<T>(catalog: Catalog<T>, locale: Locale): T {
  return catalog[locale];
}
