import type { ActionsBlock, Button, KnownBlock } from "@slack/types";
import { z } from "zod";
import type { CaseRecord } from "../../domain/caseRecord.js";
import { customerMailKindOfOutbox } from "../../domain/customerMailKinds.js";
import { environmentInfo } from "../../domain/environments.js";
import { nextActionOf, openStages, stageLabel, stageSchema } from "../../domain/stages.js";
import type { ListCursor, ListScope } from "../../service/queries.js";
import { formatAge, formatDateTime } from "../messages/format.js";
import type { Locale } from "../messages/locale.js";
import { stepOfStage, waitingLongerThanUsual, type Median, type Step } from "../../domain/durations.js";
import { noticeText } from "../messages/notices.js";
import { productionText } from "../messages/production.js";
import { longerLine, medianLines } from "./durations.js";
import { statusText } from "../messages/status.js";
import { escapeMrkdwn, mention } from "../mrkdwn.js";
import { caseActionsWithExport, caseLine } from "./caseMessage.js";
import { caseTitle, customerNameOf, routeField } from "./customerLabel.js";
import { context, section } from "./blocks.js";

type Message = { text: string; blocks: KnownBlock[] };

const sectionLimit = 3000;

/** What status shows of one event (the store's CaseEvent row satisfies it). */
export interface EventRow {
  kind: string;
  actor: string;
  at: Date;
  details?: unknown;
}

/** An outbox event (mail_sent, mail_previewed) about an e-mail to the customer rather than to Brreg. */
function aboutCustomerMail(details: unknown): boolean {
  const kind = details && typeof details === "object" ? (details as { kind?: unknown }).kind : undefined;
  return typeof kind === "string" && customerMailKindOfOutbox(kind) !== null;
}

function actorName(actor: string, locale: Locale): string {
  const names = statusText[locale].actors;
  return actor in names ? names[actor as keyof typeof names] : mention(actor);
}

/** An event kind in words; kinds this catalog does not know yet still show, escaped. */
export function eventInWords(kind: string, locale: Locale, details?: unknown): string {
  const words = statusText[locale].eventKinds;
  if (kind === "mail_sent" && aboutCustomerMail(details)) return words.customer_mail_sent;
  if (kind === "mail_previewed" && aboutCustomerMail(details)) return words.customer_mail_previewed;
  const stage = /^stage:(.+)$/.exec(kind);
  if (stage) {
    const to = stageSchema.safeParse(stage[1]);
    return to.success ? words.movedTo(stageLabel[to.data][locale]) : words.other(escapeMrkdwn(kind));
  }
  if (kind !== "movedTo" && kind !== "other" && kind in words) {
    const w = words[kind as keyof typeof words];
    if (typeof w === "string") return w;
  }
  return words.other(escapeMrkdwn(kind.replace(/_/g, " ")));
}

/** Lines joined until the section limit; the newest lines come first, so the cut drops the oldest. */
function fitLines(lines: string[], limit = sectionLimit): string {
  let out = "";
  for (const line of lines) {
    const next = out ? `${out}\n${line}` : line;
    if (next.length > limit) break;
    out = next;
  }
  return out;
}

/** One case in full: where it stands, since when, who owns it, what next, its thread and latest events. */
/** The paired case (TT02 ↔ production) named in `status`. */
export interface PairedCase {
  role: "production" | "test";
  reference: string;
}

export interface StatusExtras {
  /** the paired case(s): TT02 ↔ production */
  paired?: PairedCase[];
  /** how long steps usually take */
  medians?: Record<Step, Median | null> | undefined;
  /** the case's notices still waiting for Slack */
  noticesOwed?: number;
}

export function statusMessage(c: CaseRecord, events: EventRow[], permalink: string | null, locale: Locale, now: Date, extras: StatusExtras = {}): Message {
  const paired = extras.paired ?? [];
  const m = statusText[locale];
  const stage = c.stage;
  const title = caseTitle(c, locale);
  const thread = permalink ? `<${permalink}|${m.openThread}>` : c.channelId ? `<#${c.channelId}>` : m.noThread;
  const fields = [
    `*${m.stage}*\n${stageLabel[stage][locale]}\n${m.inStageFor(formatAge(c.stageChangedAt, now, locale), formatDateTime(c.stageChangedAt, locale))}`,
    `*${m.next}*\n${nextActionOf(c)[locale]}`,
    `*${m.environment}*\n${environmentInfo[c.environment].label[locale]}`,
    `*${m.owner}*\n${mention(c.ownerUserId)}`,
    `*${m.thread}*\n${thread}`,
  ];
  const route = routeField(c, locale);
  if (route) fields.push(route);
  const scope = c.scope ?? c.fictitiousScope;
  if (scope) fields.push(`*${m.scope}*\n\`${escapeMrkdwn(scope)}\``);
  if (c.closedReason) fields.push(`*${m.reason}*\n${escapeMrkdwn(c.closedReason).slice(0, 1900)}`);
  if (c.personalDataErasedAt) fields.push(`*${m.personalData}*\n${m.personalDataErased(formatDateTime(c.personalDataErasedAt, locale))}`);
  for (const role of ["production", "test"] as const) {
    const refs = paired.filter((p) => p.role === role).map((p) => `*${p.reference}*`);
    if (refs.length) fields.push(`*${role === "production" ? productionText[locale].pairedProduction : productionText[locale].pairedTest}*\n${refs.slice(-3).join(", ")}`);
  }
  const lines = events.map((e) => `• ${formatDateTime(e.at, locale)} · ${actorName(e.actor, locale)} · ${eventInWords(e.kind, locale, e.details)}`);
  return {
    text: `${c.reference} · ${customerNameOf(c, locale)} · ${stageLabel[stage][locale]}`,
    blocks: [
      section(title),
      { type: "section", fields: fields.map((text) => ({ type: "mrkdwn", text })) },
      ...durationBlocks(c, extras.medians, locale, now),
      ...(extras.noticesOwed ? [context(noticeText[locale].owed(String(extras.noticesOwed)))] : []),
      section(`*${m.events}*\n${lines.length ? fitLines(lines, sectionLimit - m.events.length - 5) : m.noEvents}`),
      caseActionsWithExport(c, locale, `status_actions:${c.reference}`),
    ],
  };
}

/** How long the steps usually take, and whether this case has waited longer than that. */
function durationBlocks(c: CaseRecord, medians: Record<Step, Median | null> | undefined, locale: Locale, now: Date): KnownBlock[] {
  const lines = medianLines(medians, locale);
  if (!medians || lines.length === 0) return [];
  const step = stepOfStage(c.stage);
  const median = step ? medians[step] : null;
  const late = step && median && waitingLongerThanUsual(c.stageChangedAt, now, median) ? longerLine({ step, median: median.median, count: median.count }, locale) : null;
  return [{ type: "context", elements: [{ type: "mrkdwn", text: [...(late ? [late] : []), ...lines.map((l) => `${l}.`)].join("\n") }] }];
}

/** Several matches: one line each, and a hint when there are more than shown; `typed` is the query as echoTyped shows it. */
export function matchesMessage(cases: CaseRecord[], more: boolean, typed: string, locale: Locale, now: Date): Message {
  const m = statusText[locale];
  const count = more ? m.moreThan(String(cases.length)) : String(cases.length);
  const lead = m.severalFound(count, typed);
  const blocks: KnownBlock[] = [section(lead), ...cases.map((c) => section(caseLine(c, locale, now)))];
  if (more) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: m.narrowDown }] });
  return { text: lead, blocks };
}

export function textMessage(text: string): Message {
  return { text, blocks: [section(text)] };
}

// ---- liste ---------------------------------------------------------------------------------

export const listeActions = { next: "liste_next", first: "liste_first" } as const;

/** Cases per liste page: with a title, up to four stage headings and the buttons, 46 of Slack's 50 blocks. */
export const listePageSize = 40;

/** What a page button carries: kept in its value (Slack allows 2000 characters). */
export const pageValueSchema = z.object({
  scope: z.enum(["mine", "alle", "venter"]),
  page: z.number().int().min(1),
  after: z
    .object({ stage: z.enum(openStages), at: z.iso.datetime(), id: z.number().int() })
    .optional(),
});
export type PageValue = z.infer<typeof pageValueSchema>;

export function cursorOf(value: PageValue): ListCursor | undefined {
  if (!value.after) return undefined;
  return { stage: value.after.stage, at: new Date(value.after.at), id: value.after.id };
}

export function pageValue(scope: ListScope, page: number, after?: ListCursor): string {
  const v: PageValue = { scope, page, ...(after ? { after: { stage: after.stage, at: after.at.toISOString(), id: after.id } } : {}) };
  return JSON.stringify(v);
}

/** Cases under a heading per stage, in the order given (stage order, oldest first). */
export function groupedCaseBlocks(
  cases: CaseRecord[],
  locale: Locale,
  now: Date,
  perCase: (c: CaseRecord) => KnownBlock[],
): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current: string | null = null;
  for (const c of cases) {
    if (c.stage !== current) {
      current = c.stage;
      blocks.push(section(`*${stageLabel[c.stage][locale]}*`));
    }
    blocks.push(...perCase(c));
  }
  return blocks;
}

export function ownerNextLine(c: CaseRecord, locale: Locale): string {
  return statusText[locale].ownerLine(mention(c.ownerUserId), nextActionOf(c)[locale]);
}

export function listeMessage(
  scope: ListScope,
  page: number,
  cases: CaseRecord[],
  next: ListCursor | undefined,
  locale: Locale,
  now: Date,
): Message {
  const m = statusText[locale];
  const title = `*${m.listTitle[scope]}*${page > 1 || next ? ` · ${m.listPage(String(page))}` : ""}`;
  // A later page can come back empty: its cases closed after the previous page was shown.
  const empty = page > 1 ? m.listNoMore : m.listEmpty[scope];
  const blocks: KnownBlock[] = [
    section(title),
    ...(cases.length === 0 ? [section(empty)] : groupedCaseBlocks(cases, locale, now, (c) => [section(`${caseLine(c, locale, now)}\n${ownerNextLine(c, locale)}`)])),
  ];
  const buttons: Button[] = [];
  if (next) buttons.push({ type: "button", action_id: listeActions.next, text: { type: "plain_text", text: m.showMore }, value: pageValue(scope, page + 1, next) });
  if (page > 1) buttons.push({ type: "button", action_id: listeActions.first, text: { type: "plain_text", text: m.firstPage }, value: pageValue(scope, 1) });
  if (buttons.length) blocks.push({ type: "actions", block_id: "liste_pages", elements: buttons } satisfies ActionsBlock);
  return { text: cases.length === 0 ? empty : m.listTitle[scope], blocks };
}
