import type { ActionsBlock, Button, KnownBlock } from "@slack/types";
import type { CaseRecord } from "../../domain/caseRecord.js";
import { environmentInfo } from "../../domain/environments.js";
import { formatOrgnr } from "../../domain/orgnr.js";
import { caseActionTable, offeredActions, type CaseAction } from "../../domain/caseActions.js";
import { nextActionOf, stageLabel } from "../../domain/stages.js";
import { caseText } from "../messages/cases.js";
import { formatAge, formatDateTime } from "../messages/format.js";
import type { Locale } from "../messages/locale.js";
import { escapeMrkdwn, mention } from "../mrkdwn.js";
import { caseTitle, customerNameOf, customerOf, routeField } from "./customerLabel.js";
import { exportEventsButton } from "./followThrough.js";

/** The buttons a case allows (the case-action table's, by stage), each carrying the reference. */
export function caseButtons(c: CaseRecord, locale: Locale, table: readonly CaseAction[] = caseActionTable): Button[] {
  return offeredActions(c, table).map((a) => ({
    type: "button",
    action_id: a.id,
    value: c.reference,
    text: { type: "plain_text", text: a.label[locale] },
    ...(a.style ? { style: a.style } : {}),
  }));
}

export function caseActions(c: CaseRecord, locale: Locale, blockId = `case_actions:${c.reference}`): ActionsBlock | null {
  const elements = caseButtons(c, locale);
  return elements.length ? { type: "actions", block_id: blockId, elements } : null;
}

/** The stage's buttons and, for every case open or closed, the export of its event log. */
export function caseActionsWithExport(c: CaseRecord, locale: Locale, blockId = `case_actions:${c.reference}`, table: readonly CaseAction[] = caseActionTable): ActionsBlock {
  return { type: "actions", block_id: blockId, elements: [...caseButtons(c, locale, table), exportEventsButton(c.reference, locale)] };
}

/** One line for lists: reference, customer, stage and age. */
export function caseLine(c: CaseRecord, locale: Locale, now: Date): string {
  const stage = stageLabel[c.stage][locale];
  return `*${c.reference}* · ${customerOf(c, locale)} · ${environmentInfo[c.environment].label[locale]} · ${stage} · ${formatAge(c.stageChangedAt, now, locale)}`;
}

/**
 * The case's root message in the case channel: always the current stage and next action. It
 * says since when, not how long: it is rewritten on changes only, and an age would go stale.
 */
export function caseMessage(c: CaseRecord, locale: Locale, table: readonly CaseAction[] = caseActionTable): { text: string; blocks: KnownBlock[] } {
  const m = caseText[locale];
  const stage = c.stage;
  const env = environmentInfo[c.environment];
  const fields = [
    `*${m.stage}*\n${stageLabel[stage][locale]}\n${m.since(formatDateTime(c.stageChangedAt, locale))}`,
    `*${m.next}*\n${nextActionOf(c)[locale]}`,
    `*${m.vendor}*\n${escapeMrkdwn(c.vendorName)} (${formatOrgnr(c.vendorOrgnr)})`,
    routeField(c, locale) ?? `*${m.customerContact}*\n${escapeMrkdwn(c.customerContactName)}, ${escapeMrkdwn(c.customerContactEmail)}`,
    `*${m.owner}*\n${mention(c.ownerUserId)}`,
    `*${m.environment}*\n${env.label[locale]}`,
  ];
  const scope = c.scope ?? c.fictitiousScope;
  if (scope) fields.push(`*${m.scope}*\n\`${escapeMrkdwn(scope)}\``);
  if (c.closedReason) fields.push(`*${m.reason}*\n${escapeMrkdwn(c.closedReason)}`);
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: { type: "mrkdwn", text: caseTitle(c, locale) },
    },
    { type: "section", fields: fields.map((text) => ({ type: "mrkdwn", text })) },
  ];
  blocks.push(caseActionsWithExport(c, locale, undefined, table));
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: m.createdBy(mention(c.ownerUserId), formatDateTime(c.createdAt, locale)) }] });
  return { text: m.rootFallback(c.reference, customerNameOf(c, locale), stageLabel[stage][locale]), blocks };
}
