import type { Queryable } from "./tx.js";

// An import modal's checked lines between its review and Send. The lines outgrow the view's
// private_metadata (3,000 characters), and any replica may receive the Send, so they are kept
// here, keyed by the modal's root view id. The caller validates what it reads back.

export interface ImportDraftRow {
  session: string;
  workspaceId: string;
  userId: string;
  data: unknown;
  createdAt: Date;
}

/** Saves (or replaces) the draft of a modal session and drops drafts older than `olderThan`. */
export async function saveImportDraft(db: Queryable, row: ImportDraftRow, olderThan: Date): Promise<void> {
  const data = row.data as object;
  await db.importDraft.upsert({
    where: { session: row.session },
    create: { ...row, data },
    update: { workspaceId: row.workspaceId, userId: row.userId, data, createdAt: row.createdAt },
  });
  await pruneImportDrafts(db, olderThan);
}

/** Drops drafts saved before `olderThan` (they hold the imported contacts); returns how many. */
export async function pruneImportDrafts(db: Queryable, olderThan: Date): Promise<number> {
  const { count } = await db.importDraft.deleteMany({ where: { createdAt: { lt: olderThan } } });
  return count;
}

export async function findImportDraft(db: Queryable, session: string): Promise<ImportDraftRow | null> {
  return db.importDraft.findUnique({ where: { session } });
}
