import type { App } from "@slack/bolt";
import type { CaseRecord } from "../domain/caseRecord.js";
import type { Runtime } from "../runtime.js";
import type { Message } from "./views/blocks.js";

// The one way the app answers a person outside a modal: a click, a closed modal, a direct
// message, and the link to a case's thread.

type Client = App["client"];

/** What a button click tells about where it came from (the parsed block_actions body). */
export interface ClickOrigin {
  user: { id: string };
  response_url?: string | undefined;
  channel?: { id: string } | undefined;
}

/** Who to answer: the clicker of a button, or the submitter of a modal that has closed (about case `c`). */
export type AnswerTo = { click: ClickOrigin } | { userId: string; c: CaseRecord | null };

/**
 * An answer only this user sees, never thrown.
 * - a click: through its response_url when there is one (a message button), else as an
 *   ephemeral message in the channel, else (App Home) as a direct message;
 * - after a modal closed: ephemeral in the case's channel (thread), else a direct message.
 */
export async function answer(rt: Runtime, client: Client, to: AnswerTo, text: string): Promise<void> {
  const userId = "click" in to ? to.click.user.id : to.userId;
  try {
    if ("click" in to) {
      const { click } = to;
      if (click.response_url) {
        const res = await fetch(click.response_url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ response_type: "ephemeral", replace_original: false, text }),
        });
        if (res.ok) return;
      }
      if (click.channel?.id) {
        await client.chat.postEphemeral({ channel: click.channel.id, user: userId, text });
        return;
      }
    } else if (to.c?.channelId) {
      await client.chat.postEphemeral({ channel: to.c.channelId, user: userId, text, ...(to.c.threadTs ? { thread_ts: to.c.threadTs } : {}) });
      return;
    }
    await client.chat.postMessage({ channel: userId, text });
  } catch (error) {
    rt.logger.error(`could not answer ${userId}: ${String(error)}`);
  }
}

/** Posts `message` in the app's direct-message conversation with the user; false when Slack gave none. Throws Slack's errors. */
export async function dm(client: Client, userId: string, message: Message): Promise<boolean> {
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (!channel) return false;
  await client.chat.postMessage({ channel, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
  return true;
}

/** A case's thread as far as it is known: its root message's channel and ts (none before the root is posted). */
export interface ThreadAt {
  channelId: string | null;
  threadTs: string | null;
}

/** The link to a case's thread (its root message), or undefined without a thread or when Slack gives none; never thrown. */
export async function permalink(client: Client, thread: ThreadAt | undefined, onError?: (error: unknown) => void): Promise<string | undefined> {
  if (!thread?.channelId || !thread.threadTs) return undefined;
  try {
    const res = await client.chat.getPermalink({ channel: thread.channelId, message_ts: thread.threadTs });
    return typeof res.permalink === "string" ? res.permalink : undefined;
  } catch (error) {
    onError?.(error);
    return undefined;
  }
}
