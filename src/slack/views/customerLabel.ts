import type { CaseRecord } from "../../domain/caseRecord.js";
import { formatOrgnr } from "../../domain/orgnr.js";
import { fictitiousText } from "../messages/fictitious.js";
import type { Locale } from "../messages/locale.js";
import { escapeMrkdwn } from "../mrkdwn.js";

type Named = Pick<CaseRecord, "route" | "customerName" | "customerOrgnr" | "fictitiousOrgnr">;

/**
 * Who the case is for, as mrkdwn: the customer and its org number, or on the fictitious route
 * "fiktiv kunde" with the fictitious company's org number once it is confirmed. Lists, titles and
 * notices name a case by this, so the route shows wherever the case does.
 */
export function customerOf(c: Named, locale: Locale): string {
  if (c.route === "fictitious") {
    const m = fictitiousText[locale];
    return c.fictitiousOrgnr ? m.labelWith(formatOrgnr(c.fictitiousOrgnr)) : m.label;
  }
  return `${escapeMrkdwn(c.customerName)} (${formatOrgnr(c.customerOrgnr)})`;
}

/** The same without the org number, where a sentence names the customer. */
export function customerNameOf(c: Named, locale: Locale): string {
  return c.route === "fictitious" ? fictitiousText[locale].label : escapeMrkdwn(c.customerName);
}

/** The case's title line: the reference and who it is for, as the root message and `status` show it. */
export function caseTitle(c: Named & Pick<CaseRecord, "reference">, locale: Locale): string {
  if (c.route === "fictitious") {
    const orgnr = c.fictitiousOrgnr ? ` (${formatOrgnr(c.fictitiousOrgnr)})` : "";
    return `*${c.reference} · ${fictitiousText[locale].routeName}*${orgnr}`;
  }
  return `*${c.reference} · ${escapeMrkdwn(c.customerName)}* (${formatOrgnr(c.customerOrgnr)})`;
}

/** A fictitious case's route and company as one field (null for an existing customer's case, whose title says it all). */
export function routeField(c: Named & Pick<CaseRecord, "fictitiousScope">, locale: Locale): string | null {
  if (c.route !== "fictitious") return null;
  const m = fictitiousText[locale];
  return `*${m.route}*\n${m.routeName}\n${m.company}: ${c.fictitiousOrgnr ? formatOrgnr(c.fictitiousOrgnr) : m.notConfirmed}`;
}
