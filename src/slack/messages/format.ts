import type { Locale } from "./locale.js";

const zone = "Europe/Oslo";

/** "24.11.2026 kl. 09:14" / "24 Nov 2026 09:14", Oslo time. */
export function formatDateTime(d: Date, locale: Locale): string {
  const date = d.toLocaleDateString(locale === "nb" ? "nb-NO" : "en-GB", {
    timeZone: zone,
    day: "numeric",
    month: locale === "nb" ? "2-digit" : "short",
    year: "numeric",
  });
  const time = d.toLocaleTimeString("nb-NO", { timeZone: zone, hour: "2-digit", minute: "2-digit" });
  return locale === "nb" ? `${date} kl. ${time}` : `${date} ${time}`;
}

/** "09:14:05", Oslo time: for "again at" within the same few minutes. */
export function formatTime(d: Date): string {
  return d.toLocaleTimeString("nb-NO", { timeZone: zone, hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** "3 dager" / "3 days", "5 timer" / "5 hours", "under en time" / "under an hour". */
export function formatAge(from: Date, now: Date, locale: Locale): string {
  const hours = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 3_600_000));
  const days = Math.floor(hours / 24);
  if (locale === "nb") {
    if (days >= 1) return days === 1 ? "1 dag" : `${days} dager`;
    if (hours >= 1) return hours === 1 ? "1 time" : `${hours} timer`;
    return "under en time";
  }
  if (days >= 1) return days === 1 ? "1 day" : `${days} days`;
  if (hours >= 1) return hours === 1 ? "1 hour" : `${hours} hours`;
  return "under an hour";
}
