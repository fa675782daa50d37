import type { KnownBlock } from "@slack/types";
import { helpText } from "../messages/help.js";
import type { Locale } from "../messages/locale.js";

export function helpBlocks(locale: Locale, lead?: string): { text: string; blocks: KnownBlock[] } {
  const m = helpText[locale];
  const blocks: KnownBlock[] = [];
  if (lead) blocks.push({ type: "section", text: { type: "mrkdwn", text: lead } });
  blocks.push(
    { type: "header", text: { type: "plain_text", text: m.title } },
    { type: "section", text: { type: "mrkdwn", text: m.intro } },
  );
  for (const [usage, what, example] of m.commands) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `*${usage}*\n${what}\n_${m.example}:_ ${example}` } });
  }
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: m.aliases }] });
  return { text: lead ?? m.title, blocks };
}
