import type { Db } from "./db.js";
import type { Queryable } from "./tx.js";

/**
 * Records a request key once. Returns false when it was already recorded, so a retried
 * delivery (Slack's X-Slack-Retry-Num, a double click) is acknowledged but not handled again.
 */
export async function claimRequestKey(db: Queryable, key: string): Promise<boolean> {
  const rows = await db.$queryRaw<Array<{ key: string }>>`
    INSERT INTO "ProcessedRequest" ("key") VALUES (${key}) ON CONFLICT ("key") DO NOTHING RETURNING "key"`;
  return rows.length === 1;
}

/** Keys older than a day can no longer be retried by Slack. */
export async function pruneRequestKeys(db: Db, olderThan: Date): Promise<number> {
  const { count } = await db.processedRequest.deleteMany({ where: { createdAt: { lt: olderThan } } });
  return count;
}
