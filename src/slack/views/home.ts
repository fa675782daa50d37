import type { Button, HomeView, KnownBlock } from "@slack/types";
import type { CaseRecord } from "../../domain/caseRecord.js";
import { environmentInfo, type Environment } from "../../domain/environments.js";
import type { CredentialExpiryNotice } from "../../domain/notices.js";
import type { Median, Step } from "../../domain/durations.js";
import { openStages, stageLabel, type OpenStage } from "../../domain/stages.js";
import type { ListCursor } from "../../service/queries.js";
import { formatDateTime } from "../messages/format.js";
import { homeText } from "../messages/home.js";
import type { Locale } from "../messages/locale.js";
import { caseActions, caseLine } from "./caseMessage.js";
import { medianLines } from "./durations.js";
import { groupedCaseBlocks, ownerNextLine, pageValue } from "./status.js";
import { context, section } from "./blocks.js";
import { activeText } from "../messages/active.js";
import { capped, liveLine } from "./active.js";
import { credentialHomeLine } from "./watchNotices.js";

export const homeActions = { newCase: "home_new_case", importCustomers: "home_import", next: "home_next", first: "home_first" } as const;

/** Own cases shown on Home; more get a pointer to `liste mine`. */
export const homeMineSize = 10;
/**
 * Team cases per Home page. Fixed blocks (header, buttons, alerts of ending credentials and lost
 * delegations, counts, two headings, page line, five stage headings, pager, footer: 18) + 2 per own case (≤ 20) + 1
 * "more" + 2 per team case must stay within Slack's 100 blocks: 18 + 21 + 2·30 = 99.
 */
export const homeTeamPageSize = 30;

export interface HomeData {
  mine: CaseRecord[];
  mineMore: boolean;
  team: CaseRecord[];
  /** where the next team page starts */
  next?: ListCursor | undefined;
  page: number;
  counts: Record<OpenStage, number>;
  /** counts at this cap are shown as "cap+" */
  countCap: number;
  /** how long Brreg's answer and the delegation usually take (null: fewer than 3 cases) */
  medians?: Record<Step, Median | null> | undefined;
  /** Maskinporten keys and certificates that end within 30 days (or have ended) */
  credentials?: ReadonlyArray<Omit<CredentialExpiryNotice, "daysLeft">> | undefined;
  /** live delegations per environment, and the lost ones (at most a few, `lostMore` when there are others) */
  live?: { counts: Record<Environment, { verified: number; lost: number }>; countCap: number; lost: CaseRecord[]; lostMore: boolean } | undefined;
}

/** What needs attention first: keys and certificates about to end, and delegations that stopped working. */
function alertLines(data: HomeData, locale: Locale, now: Date): string[] {
  const m = activeText[locale];
  const lost = (data.live?.lost ?? []).map((c) => m.homeLost(`${liveLine(c, locale)} · ${environmentInfo[c.environment].label[locale]}`));
  return [...(data.credentials ?? []).map((e) => credentialHomeLine(e, now, locale)), ...lost, ...(data.live?.lostMore ? [m.homeLostMore] : [])];
}


function caseBlocks(c: CaseRecord, where: "mine" | "team", locale: Locale, now: Date): KnownBlock[] {
  const blocks: KnownBlock[] = [section(`${caseLine(c, locale, now)}\n${ownerNextLine(c, locale)}`)];
  // block_ids must be unique in a view: a case can be both "mine" and the team's.
  const actions = caseActions(c, locale, `home_${where}:${c.reference}`);
  if (actions) blocks.push(actions);
  return blocks;
}

/** The App Home tab: my open cases, the team's open cases by stage (paged), counts per stage. */
export function homeView(data: HomeData, locale: Locale, now: Date): HomeView {
  const m = homeText[locale];
  const alerts = alertLines(data, locale, now);
  const live = data.live ? [activeText[locale].homeLive(capped(data.live.counts.tt02.verified, data.live.countCap, locale), capped(data.live.counts.production.verified, data.live.countCap, locale))] : [];
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: m.title } },
    {
      type: "actions",
      block_id: "home_top",
      elements: [
        { type: "button", action_id: homeActions.newCase, style: "primary", text: { type: "plain_text", text: m.newCase } },
        { type: "button", action_id: homeActions.importCustomers, text: { type: "plain_text", text: m.importCustomers } },
      ],
    },
    ...(alerts.length ? [section(alerts.join("\n"))] : []),
    {
      type: "section",
      text: { type: "mrkdwn", text: [`*${m.counts}*`, ...medianLines(data.medians, locale).map((l) => `_${l}_`), ...live].join("\n") },
      fields: openStages.map((s) => ({
        type: "mrkdwn" as const,
        text: `${stageLabel[s][locale]}\n*${capped(data.counts[s], data.countCap, locale)}*`,
      })),
    },
    { type: "divider" },
    { type: "header", text: { type: "plain_text", text: m.mine } },
  ];
  if (data.mine.length === 0) blocks.push(context(m.mineEmpty));
  for (const c of data.mine) blocks.push(...caseBlocks(c, "mine", locale, now));
  if (data.mineMore) blocks.push(context(m.mineMore));
  blocks.push({ type: "divider" }, { type: "header", text: { type: "plain_text", text: m.team } });
  if (data.team.length === 0) {
    blocks.push(context(data.page > 1 ? m.teamNoMore : m.teamEmpty));
  } else {
    if (data.page > 1 || data.next) blocks.push(context(m.page(String(data.page))));
    blocks.push(...groupedCaseBlocks(data.team, locale, now, (c) => caseBlocks(c, "team", locale, now)));
  }
  const pager: Button[] = [];
  if (data.next) pager.push({ type: "button", action_id: homeActions.next, text: { type: "plain_text", text: m.next }, value: pageValue("alle", data.page + 1, data.next) });
  if (data.page > 1) pager.push({ type: "button", action_id: homeActions.first, text: { type: "plain_text", text: m.first }, value: pageValue("alle", 1) });
  if (pager.length) blocks.push({ type: "actions", block_id: "home_pages", elements: pager });
  blocks.push(context(m.updated(formatDateTime(now, locale))));
  return { type: "home", callback_id: "home", blocks };
}
