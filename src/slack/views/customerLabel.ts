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
