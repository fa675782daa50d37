import type { KnownBlock } from "@slack/types";

/** Section text is capped at 3000 characters by Slack; lines are grouped below that. */
const sectionBudget = 2900;
const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });

/** Texts grouped into as few sections as fit (joined by `separator`), so 50 lines stay well within the block limits. */
export function groupedSections(texts: string[], separator = "\n\n"): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = "";
  for (const text of texts) {
    const piece = text.length > sectionBudget ? `${text.slice(0, sectionBudget - 1)}…` : text;
    if (current && current.length + separator.length + piece.length > sectionBudget) {
      blocks.push(section(current));
      current = "";
    }
    current = current ? `${current}${separator}${piece}` : piece;
  }
  if (current) blocks.push(section(current));
  return blocks;
}
