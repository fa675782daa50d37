import type { EventKind } from "./events.js";
import { isOpen, stages } from "./stages.js";

// RETENTION_DAYS after a case closes, its personal data is replaced by a marker: the case's
// stages, times, org numbers and company names stay, so status, lists and the event export
// still tell its history. Company names and org numbers are the public register's data.

/**
 * What stands where a name, an address, a phone number, a mail or a person's words were. Stored,
 * so one language (the app's own, Norwegian) whatever LOCALE says when it is read; it is plain
 * text every column and reader takes (no column that held personal data is validated on read).
 */
export const erasedMarker = "[slettet]";

/**
 * The stages a case ends in: a person no longer works on it, so its clock towards erasure runs.
 * Not `verified`: a live delegation is checked again for as long as it lives, and when the
 * customer withdraws it the team needs the customer's contact to ask for it again. Its clock runs
 * from the day it is closed for good (lost, then cancelled).
 */
export const closedStages = stages.filter((s) => !isOpen(s) && s !== "verified");

/**
 * The event details that can carry personal data, by event kind: the recipients of an e-mail to
 * the customer, where Brreg sent the TT02 login, an SMTP server's answer (it quotes the address
 * it refused), and the words a person gave when cancelling. Every other detail is a kind, a
 * count, a time, a stage, a scope, an org number, a Message-ID or a case reference.
 */
/** The event detail that lists, comma-joined, where Brreg sent the TT02 login. */
export const loginSentToDetail = "loginSentTo";

export const personalDetails: Partial<Record<EventKind, readonly string[]>> = {
  customer_mail_queued: ["to", "cc"],
  "stage:awaiting_delegation": [loginSentToDetail],
  // the fictitious route records where the login went with its proposal, before the move
  fictitious_proposed: [loginSentToDetail],
  mail_retrying: ["error"],
  mail_failed: ["error"],
  "stage:cancelled": ["reason"],
};

/**
 * The event's details with every personal value replaced by the marker (an empty one, such as no
 * Cc, stays empty); null when there is nothing to replace.
 */
export function erasedDetails(kind: string, details: unknown): Record<string, unknown> | null {
  const keys: readonly string[] = personalDetails[kind as EventKind] ?? [];
  if (keys.length === 0 || !details || typeof details !== "object" || Array.isArray(details)) return null;
  const entries = Object.entries(details as Record<string, unknown>);
  const replaced = (key: string, value: unknown) => keys.includes(key) && value !== null && value !== "" && value !== erasedMarker;
  if (!entries.some(([key, value]) => replaced(key, value))) return null;
  return Object.fromEntries(entries.map(([key, value]) => [key, replaced(key, value) ? erasedMarker : value]));
}

/** How often the pass runs: one claim per slot, whichever replica comes first. */
export const retentionSlotHours = 6;

/** The slot `now` falls in, as "2027-12-04T06" (UTC): the key one replica claims the pass by. */
export function retentionSlot(now: Date): string {
  const hour = Math.floor(now.getUTCHours() / retentionSlotHours) * retentionSlotHours;
  return `${now.toISOString().slice(0, 10)}T${String(hour).padStart(2, "0")}`;
}

/** The moment before which a case must have closed (or a mail arrived, a profile last been used) to be erased now. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

/** The fields that still hold what was typed: a form prefilled from an erased case asks for the rest again. */
export function withoutErased<T extends Record<string, string>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== erasedMarker)) as Partial<T>;
}
