import type { KnownBlock } from "@slack/types";
import { formatMedian } from "../../domain/durations.js";
import { openStages, stageLabel } from "../../domain/stages.js";
import type { WeeklyOverview } from "../../domain/weeklyOverview.js";
import type { Locale } from "../messages/locale.js";
import { weeklyText } from "../messages/weekly.js";
import { caseLine } from "./caseMessage.js";
import { medianLines } from "./durations.js";
import { groupedSections } from "./sections.js";

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });
const context = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text }] });

/**
 * The overview: open cases by stage (counts, then the cases), those waiting longer than usual,
 * and what was verified in the last seven days. `weekly`: the Monday post, else `oversikt`.
 */
export function weeklyOverviewMessage(o: WeeklyOverview, locale: Locale, now: Date, weekly: boolean): { text: string; blocks: KnownBlock[] } {
  const m = weeklyText[locale];
  const title = weekly ? m.title : m.summaryTitle;
  const count = (n: number) => (n >= o.countCap ? `${o.countCap}+` : String(n));
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: title } },
    section(`*${m.open}*\n${openStages.map((s) => `${stageLabel[s][locale]}: *${count(o.counts[s])}*`).join("\n")}`),
  ];
  if (o.open.length === 0) blocks.push(context(m.none));
  else {
    const lines: string[] = [];
    let stage: string | null = null;
    for (const c of o.open) {
      if (c.stage !== stage) {
        stage = c.stage;
        lines.push(`*${stageLabel[c.stage][locale]}*`);
      }
      lines.push(`• ${caseLine(c, locale, now)}`);
    }
    blocks.push(...groupedSections(lines, "\n"));
    if (o.more) blocks.push(context(m.more));
  }
  blocks.push({ type: "divider" }, section(`*${m.late}*`));
  if (o.late.length === 0) blocks.push(context(m.lateNone));
  else blocks.push(...groupedSections(o.late.slice(0, 40).map((l) => `• ${m.lateLine(caseLine(l.case, locale, now), formatMedian(l.median.median, locale))}`), "\n"));
  blocks.push({ type: "divider" }, section(`*${m.verified}*`));
  if (o.verified.length === 0) blocks.push(context(m.verifiedNone));
  else blocks.push(...groupedSections(o.verified.map((c) => `• ${caseLine(c, locale, now)}`), "\n"));
  const medians = medianLines(o.medians, locale);
  if (medians.length) blocks.push(context(medians.map((l) => `${l}.`).join("\n")));
  return { text: title, blocks };
}
