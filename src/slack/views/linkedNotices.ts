import type { CaseNotice } from "../../domain/notices.js";
import { productionText } from "../messages/production.js";
import type { Locale } from "../messages/locale.js";

/** The thread notice that names the paired case (TT02 ↔ production). */
export function linkedNotice(notice: Extract<CaseNotice, { kind: "linked" }>, locale: Locale): { text: string } {
  const m = productionText[locale];
  return { text: notice.role === "production" ? m.linkedProduction(notice.other) : m.linkedTest(notice.other) };
}
