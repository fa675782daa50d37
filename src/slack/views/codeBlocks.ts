import type { KnownBlock } from "@slack/types";
import { escapeEntities } from "../mrkdwn.js";

// Slack refuses section text over 3000 characters; the fences and a margin stay below it.
const chunkLimit = 2800;

/** Preformatted text shows literally, but Slack still reads <…> and & there: escape them. */
function escapeCode(text: string): string {
  return escapeEntities(text).replace(/```/g, "'''");
}

/** Where to cut `text` at most `limit` long: after a paragraph, else a line, else before an entity. */
function cutAt(text: string, limit: number): number {
  const paragraph = text.lastIndexOf("\n\n", limit);
  if (paragraph > 0) return paragraph;
  const line = text.lastIndexOf("\n", limit);
  if (line > 0) return line;
  const amp = text.lastIndexOf("&", limit);
  return amp > limit - 6 && amp > 0 ? amp : limit;
}

/**
 * Text to be read or copied exactly as it is (an email, a text to forward), in code blocks
 * as long as Slack allows, cut between paragraphs where it can.
 */
export function codeBlocks(text: string): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let rest = escapeCode(text.trimEnd());
  while (rest.length > 0) {
    const cut = rest.length <= chunkLimit ? rest.length : cutAt(rest, chunkLimit);
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `\`\`\`${rest.slice(0, cut)}\`\`\`` } });
    rest = rest.slice(cut).replace(/^\n+/, "");
  }
  return blocks;
}
