import type { Button, KnownBlock } from "@slack/types";
import type { CaseRecord } from "../../domain/caseRecord.js";
import { environmentInfo } from "../../domain/environments.js";
import { scopeSchema, scopeInfo } from "../../domain/scopes.js";
import type { Stage } from "../../domain/stages.js";
import { caseText } from "../messages/cases.js";
import { followupText } from "../messages/followup.js";
import type { Locale } from "../messages/locale.js";
import { escapeMrkdwn } from "../mrkdwn.js";
import { customerOf } from "./customerLabel.js";

/** Action ids of the follow-through buttons (the permission middleware keys on these). */
export const followThroughActions = {
  snoozeDay: "snooze_day",
  snoozeWeek: "snooze_week",
  sendFollowup: "send_followup",
  exportEvents: "export_events",
} as const;

const button = (action_id: string, value: string, text: string): Button => ({ type: "button", action_id, value, text: { type: "plain_text", text } });

/** "Prøv igjen" for a case's failed email: value = the case reference. */
export function retryOrderButton(reference: string, locale: Locale): Button {
  return { ...button("retry_order", reference, caseText[locale].retry), style: "primary" };
}

/** "Export events (CSV)": value = the case reference; the file goes to the case thread. */
export function exportEventsButton(reference: string, locale: Locale): Button {
  return button(followThroughActions.exportEvents, reference, followupText[locale].exportEvents);
}

/**
 * What a reminder offers besides the stage's own buttons: snoozing the reminder now set after it
 * (value = that reminder's id) and, while Brreg has not answered, drafting a follow-up email
 * (`brregReplied`: the fictitious route's reply came, so there is nothing to follow up).
 */
export function reminderExtras(
  c: CaseRecord,
  stage: Stage,
  openReminderId: number | undefined,
  locale: Locale,
  sequence: number,
  orderFailed = false,
  brregReplied = false,
): KnownBlock[] {
  const m = followupText[locale];
  const elements: Button[] = [];
  const silent = stage === "awaiting_brreg" && !brregReplied;
  if (silent) elements.push({ ...button(followThroughActions.sendFollowup, c.reference, m.sendFollowup), style: "primary" });
  if (stage === "order_pending" && orderFailed) elements.push(retryOrderButton(c.reference, locale));
  if (openReminderId !== undefined) {
    elements.push(button(followThroughActions.snoozeDay, String(openReminderId), m.snoozeDay));
    elements.push(button(followThroughActions.snoozeWeek, String(openReminderId), m.snoozeWeek));
  }
  const blocks: KnownBlock[] = [];
  if (silent) blocks.push({ type: "section", text: { type: "mrkdwn", text: m.brregNotAnswered } });
  if (elements.length) blocks.push({ type: "actions", block_id: `reminder_more:${c.reference}:${sequence}`, elements });
  return blocks;
}

/** The completed case at a glance in its thread: customer, environment and scope. */
export function completionFacts(c: CaseRecord, scope: string, locale: Locale): KnownBlock {
  const m = followupText[locale];
  const known = scopeSchema.safeParse(scope);
  const scopeText = known.success ? `${scopeInfo[known.data].name[locale]}\n\`${scope}\`` : `\`${escapeMrkdwn(scope)}\``;
  return {
    type: "section",
    fields: [
      { type: "mrkdwn", text: `*${m.factCustomer}*\n${customerOf(c, locale)}` },
      { type: "mrkdwn", text: `*${m.factEnvironment}*\n${environmentInfo[c.environment].label[locale]}` },
      { type: "mrkdwn", text: `*${m.factScope}*\n${scopeText}` },
    ],
  };
}
