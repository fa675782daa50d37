import type { Queryable } from "./tx.js";

/** Remembers that `userId` opened the Home tab at `at` (one row per user, the latest opening). */
export async function recordHomeOpened(db: Queryable, userId: string, at: Date): Promise<void> {
  await db.homeViewer.upsert({ where: { userId }, create: { userId, openedAt: at }, update: { openedAt: at } });
}

/** Users who opened the Home tab since `since`, at most `cap` of the latest. */
export async function homeViewersSince(db: Queryable, since: Date, cap: number): Promise<string[]> {
  const rows = await db.homeViewer.findMany({ where: { openedAt: { gte: since } }, orderBy: { openedAt: "desc" }, take: cap, select: { userId: true } });
  return rows.map((r) => r.userId);
}
