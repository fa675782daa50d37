import { isValidOrgnr } from "../domain/orgnr.js";
import { openStages } from "../domain/stages.js";
import type { Case } from "../store/cases.js";
import type { Db } from "../store/db.js";
import type { MailFacts } from "./classify.js";

/** What in a mail can point at a case, strongest first. Pure. */
export interface MatchHints {
  /** Message-IDs the mail answers or, for a report, returned */
  messageIds: string[];
  /** case references written as [DLG-<n>] in the subject (or, for a report, in the returned text) */
  references: string[];
  /** valid organisation numbers in the body */
  orgnrs: string[];
}

const referencePattern = /\[\s*(DLG-\d{1,9})\s*\]/gi;
// 9 digits, also written 3+3+3 with spaces; longer digit runs (identity numbers, phone numbers
// with country code) are not organisation numbers.
const orgnrPattern = /(?<![\d])(\d{3})[ \u00A0]?(\d{3})[ \u00A0]?(\d{3})(?![\d])/g;

export function matchHints(facts: MailFacts): MatchHints {
  const report = facts.kind === "delivery_report";
  const referenceSource = report ? `${facts.subject}\n${facts.text}` : facts.subject;
  const references = [...new Set([...referenceSource.matchAll(referencePattern)].map((m) => m[1]!.toUpperCase()))];
  const orgnrs = [...new Set([...facts.text.matchAll(orgnrPattern)].map((m) => `${m[1]}${m[2]}${m[3]}`).filter(isValidOrgnr))];
  return { messageIds: report ? facts.returnedIds : facts.repliesTo, references, orgnrs };
}

export type Match = { case: Case; via: "message_id" | "reference" | "orgnrs" };

/**
 * Finds the case a mail is about: a Message-ID of ours that it answers (the order, or any email
 * of the case's outbox), else a [DLG-<n>] reference, else both org numbers of exactly one open
 * case. Null when nothing (or more than one open case) fits.
 */
export async function findCaseFor(db: Db, hints: MatchHints): Promise<Match | null> {
  if (hints.messageIds.length > 0) {
    const ids = [...new Set([...hints.messageIds, ...hints.messageIds.map((id) => id.toLowerCase())])];
    const byOrder = await db.case.findFirst({ where: { orderMessageId: { in: ids } }, orderBy: { id: "desc" } });
    if (byOrder) return { case: byOrder, via: "message_id" };
    const sent = await db.outboxMessage.findFirst({ where: { messageId: { in: ids } }, select: { case: true }, orderBy: { id: "desc" } });
    if (sent) return { case: sent.case, via: "message_id" };
  }
  for (const reference of hints.references) {
    const c = await db.case.findUnique({ where: { reference } });
    if (c) return { case: c, via: "reference" };
  }
  if (hints.orgnrs.length >= 2) {
    const candidates = await db.case.findMany({
      where: { stage: { in: [...openStages] }, vendorOrgnr: { in: hints.orgnrs }, customerOrgnr: { in: hints.orgnrs } },
      take: 2,
    });
    if (candidates.length === 1) return { case: candidates[0]!, via: "orgnrs" };
  }
  return null;
}
