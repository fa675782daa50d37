import type { Button, KnownBlock } from "@slack/types";
import type { CaseRecord } from "../../domain/caseRecord.js";
import { environmentInfo } from "../../domain/environments.js";
import { activeText } from "../messages/active.js";
import { formatDateTime } from "../messages/format.js";
import { homeText } from "../messages/home.js";
import type { Locale } from "../messages/locale.js";
import { escapeMrkdwn } from "../mrkdwn.js";
import { section, type Message } from "./blocks.js";
import { customerOf } from "./customerLabel.js";

/** The export button under `/delegering aktive` (the permission middleware keys on its id). */
export const exportActiveAction = "export_active";

/** One delegation: reference, customer, and when it last proved itself (a lost one: since when it does not). */
export function liveLine(c: CaseRecord, locale: Locale): string {
  const m = activeText[locale];
  const last = c.lastVerifiedAt ? m.lastVerified(formatDateTime(c.lastVerifiedAt, locale)) : m.neverVerified;
  const lost = c.stage === "delegation_lost" ? ` · ${m.lostSince(formatDateTime(c.stageChangedAt, locale))}` : "";
  return `*${c.reference}* · ${customerOf(c, locale)}${lost} · ${last}`;
}

/** Lines as few sections as Slack's 3,000 characters a section allow. */
function sections(lines: readonly string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let text = "";
  for (const line of lines) {
    if (text && text.length + line.length + 1 > 2900) {
      blocks.push(section(text));
      text = "";
    }
    text = text ? `${text}\n${line}` : line;
  }
  return text ? [...blocks, section(text)] : blocks;
}

/** A count read up to `cap`: "500+" at the cap. */
export function capped(n: number, cap: number, locale: Locale): string {
  return n >= cap ? homeText[locale].atLeast(String(cap)) : String(n);
}

/** `/delegering aktive`: the lost delegations first, then the verified ones by environment and scope, with the CSV export. */
export function activeMessage(list: { cases: CaseRecord[]; more: boolean }, totals: { verified: number; lost: number }, cap: number, locale: Locale): Message {
  const m = activeText[locale];
  const summary = m.totals(capped(totals.verified, cap, locale), capped(totals.lost, cap, locale));
  const head = `*${m.title}*\n${list.cases.length === 0 ? m.none : summary}`;
  if (list.cases.length === 0) return { text: head, blocks: [section(head)] };
  const lines: string[] = [];
  const lost = list.cases.filter((c) => c.stage === "delegation_lost");
  if (lost.length) lines.push(m.lostHeading, ...lost.map((c) => `• ${environmentInfo[c.environment].label[locale]} · \`${escapeMrkdwn(c.scope ?? "–")}\` · ${liveLine(c, locale)}`));
  let group = "";
  for (const c of list.cases.filter((x) => x.stage === "verified")) {
    const heading = `*${environmentInfo[c.environment].label[locale]} · \`${escapeMrkdwn(c.scope ?? "–")}\`*`;
    if (heading !== group) lines.push(heading);
    group = heading;
    lines.push(`• ${liveLine(c, locale)}`);
  }
  if (list.more) lines.push(`_${m.more}_`);
  const button: Button = { type: "button", action_id: exportActiveAction, value: "csv", text: { type: "plain_text", text: m.exportButton } };
  return { text: `${m.title}: ${summary}`, blocks: [section(head), ...sections(lines), { type: "actions", block_id: "active_export", elements: [button] }] };
}
