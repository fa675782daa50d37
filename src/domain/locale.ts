export const locales = ["nb", "en"] as const;
export type Locale = (typeof locales)[number];
export type Localized = Record<Locale, string>;
