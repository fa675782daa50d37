import type { KnownBlock } from "@slack/types";

// The small Block Kit pieces every view and message uses; text arrives escaped where it is mrkdwn.

/** A section with mrkdwn text. */
export const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });

/** A context line with mrkdwn text. */
export const context = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text }] });

/** A plain_text object (titles, labels, button texts). */
export const plain = (text: string) => ({ type: "plain_text" as const, text });

/** A message: text (the notification and fallback), and blocks when it has more than text. */
export type Message = { text: string; blocks?: KnownBlock[] };
