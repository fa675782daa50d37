import type { App } from "@slack/bolt";
import { z } from "zod";

// Every post of an owed notice carries Slack message metadata naming the row. When an earlier
// try's answer never came (the process died, the request timed out), Slack may already have the
// post: before posting again, the worker looks for it where it would be.

/** The metadata event type on every notice the app posts. */
export const noticeEventType = "delegering_notice";

/** What a post says about its row: the row's id, and `part: "root"` on a root message posted for it. */
export interface NoticeTag {
  notice_id: string;
  part?: "root";
}

/** Slack message metadata for a post of this tag. */
export function noticeMetadata(tag: NoticeTag) {
  return { event_type: noticeEventType, event_payload: { ...tag } };
}

// Only what the lookup reads of conversations.history/replies.
const pageSchema = z.object({
  messages: z
    .array(
      z.object({
        ts: z.string(),
        metadata: z.object({ event_type: z.string().optional(), event_payload: z.record(z.string(), z.unknown()).optional() }).nullish(),
      }),
    )
    .default([]),
  response_metadata: z.object({ next_cursor: z.string().optional() }).nullish(),
});

/** Pages looked through at most (200 messages each) for one post. */
const maxPages = 5;

/**
 * The ts of the app's post carrying `tag`: in the thread `thread` when given (conversations.replies),
 * else among the channel's messages since `since` (conversations.history). Null when there is none.
 * Slack's errors are thrown (the caller decides; `missing_scope` means the app was installed
 * without the history scopes of manifest.yml).
 */
export async function findTaggedPost(client: App["client"], where: { channel: string; thread?: string | undefined; since: Date }, tag: NoticeTag): Promise<string | null> {
  let cursor: string | undefined;
  // A few minutes of grace: the row's clock and Slack's are not the same clock.
  const oldest = String(Math.floor(where.since.getTime() / 1000) - 300);
  for (let page = 0; page < maxPages; page++) {
    const common = { channel: where.channel, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) };
    const raw = where.thread ? await client.conversations.replies({ ...common, ts: where.thread }) : await client.conversations.history({ ...common, oldest });
    const parsed = pageSchema.safeParse(raw);
    if (!parsed.success) return null;
    for (const m of parsed.data.messages) {
      const payload = m.metadata?.event_type === noticeEventType ? m.metadata.event_payload : undefined;
      if (payload?.notice_id === tag.notice_id && (payload.part ?? undefined) === tag.part) return m.ts;
    }
    cursor = parsed.data.response_metadata?.next_cursor || undefined;
    if (!cursor) return null;
  }
  return null;
}
