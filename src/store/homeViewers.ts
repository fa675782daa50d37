import { waitingStageSchema } from "../domain/stages.js";
import type { ListCursor } from "./caseQueries.js";
import type { Queryable } from "./tx.js";

/** Someone who looked at the Home tab lately, and the team page they were shown. */
export interface HomeViewer {
  userId: string;
  page: number;
  /** where that page starts (absent on the first) */
  after?: ListCursor;
}

/**
 * Remembers that `userId` was shown team page `page` of the Home tab at `at` (one row per user,
 * the latest). Opening the tab shows the first page.
 */
export async function recordHomeShown(db: Queryable, userId: string, at: Date, page = 1, after?: ListCursor): Promise<void> {
  const shown = { openedAt: at, page, afterStage: after?.stage ?? null, afterAt: after?.at ?? null, afterId: after?.id ?? null };
  await db.homeViewer.upsert({ where: { userId }, create: { userId, ...shown }, update: shown });
}

/** Users who looked at the Home tab since `since`, at most `cap` of the latest, with their page. */
export async function homeViewersSince(db: Queryable, since: Date, cap: number): Promise<HomeViewer[]> {
  const rows = await db.homeViewer.findMany({ where: { openedAt: { gte: since } }, orderBy: { openedAt: "desc" }, take: cap });
  return rows.map((r) => {
    const stage = waitingStageSchema.safeParse(r.afterStage);
    // A row that names no whole cursor (or a stage no longer open) is the first page.
    if (r.page <= 1 || !stage.success || !r.afterAt || r.afterId === null) return { userId: r.userId, page: 1 };
    return { userId: r.userId, page: r.page, after: { stage: stage.data, at: r.afterAt, id: r.afterId } };
  });
}

/** Forgets who opened Home before `before` (no refresh goes to them any more); returns how many. */
export async function forgetHomeViewers(db: Queryable, before: Date): Promise<number> {
  const { count } = await db.homeViewer.deleteMany({ where: { openedAt: { lt: before } } });
  return count;
}
