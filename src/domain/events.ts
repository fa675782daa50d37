import { z } from "zod";
import { stageSchema } from "./stages.js";

// What a case's event log can say. Logging takes only these kinds (a new one is added here, where
// status and the export can see it), and the store parses every row it reads back into one.

export const plainEventKinds = [
  "created",
  "mail_sent",
  "mail_previewed",
  "mail_retrying",
  "mail_failed",
  "mail_requeued",
  "mail_linked",
  "followup_queued",
  "customer_mail_queued",
  "reminder_snoozed",
  "token_failed",
  "delegation_poll_gave_up",
  "check_now",
  "linked_production",
  "linked_test",
  "fictitious_proposed",
] as const;

export const eventKindSchema = z.union([z.enum(plainEventKinds), z.templateLiteral(["stage:", stageSchema])]);
export type EventKind = z.infer<typeof eventKindSchema>;

/** One logged event as read back: its kind parsed, its details as stored (never an identity number or a mail body). */
export interface CaseEvent {
  id: number;
  caseId: number;
  kind: EventKind;
  actor: string;
  at: Date;
  details: unknown;
}
