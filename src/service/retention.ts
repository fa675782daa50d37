import { unlink } from "node:fs/promises";
import { basename, join } from "node:path";
import { previewDir } from "../config.js";
import { previewName } from "../domain/mailIds.js";
import { retentionCutoff, retentionSlot } from "../domain/personalData.js";
import {
  claimRetentionSlot,
  compactEmbedded,
  deleteOldChannelNotices,
  deleteUnmatchedMail,
  eraseCases,
  lockCasesToErase,
  outboxFilesOf,
  releaseRetentionSlot,
  type RetentionTable,
} from "../store/retention.js";
import { inTransaction } from "../store/tx.js";
import { dropUnusedVendorProfiles } from "../store/vendorProfiles.js";
import { forgetOldHomeViewers } from "./home.js";
import { forgetOldImportDrafts } from "./import.js";
import type { Services } from "./services.js";

// Personal data only as long as it is needed: RETENTION_DAYS after a case closes its contacts,
// mail and notes give way to a marker (src/domain/personalData.ts), mail that matched no case and
// vendor profiles nobody used for as long go whole, and so do leftovers no feature reads any more.

/** What one pass did (counts only: nothing personal reaches the log). */
export interface RetentionOutcome {
  /** closed cases whose personal data was replaced by the marker */
  cases: number;
  /** their preview files (.eml) deleted */
  previews: number;
  /** mail that matched no case, deleted */
  unmatchedMail: number;
  /** vendor profiles no order was sent with for RETENTION_DAYS, deleted */
  vendorProfiles: number;
  /** import drafts past their day, deleted */
  importDrafts: number;
  /** Home viewers no refresh reaches any more, forgotten */
  homeViewers: number;
}

/** Cases erased per transaction: a backlog (the first pass after an upgrade) goes in many short ones. */
const batchSize = 100;

/**
 * The pass, once per six-hour slot of the app's clock: the replica that claims the slot (a row
 * per slot, INSERT … ON CONFLICT DO NOTHING) runs it, every other replica and every later tick in
 * the slot does nothing. A pass that fails gives the slot back, and whatever it had done stays
 * done: each step only picks what is still due. Null when the slot was not this call's.
 */
export async function retentionPassIfDue(svc: Services): Promise<RetentionOutcome | null> {
  const { rt } = svc;
  const now = rt.now();
  const slot = retentionSlot(now);
  if (!(await claimRetentionSlot(rt.db, slot, now))) return null;
  try {
    const outcome = await erasePersonalData(svc, now);
    if (Object.values(outcome).some((n) => n > 0)) {
      rt.logger.info(
        `personal data (RETENTION_DAYS=${rt.config.retentionDays}): ${outcome.cases} closed case(s) erased with ${outcome.previews} preview file(s), ` +
          `${outcome.unmatchedMail} unmatched mail(s), ${outcome.vendorProfiles} vendor profile(s), ${outcome.importDrafts} import draft(s) and ${outcome.homeViewers} Home viewer(s) deleted`,
      );
    }
    return outcome;
  } catch (error) {
    await releaseRetentionSlot(rt.db, slot).catch(() => undefined);
    throw error;
  }
}

/** Erases what is due at `now`, whichever slot; safe to run twice (the second finds nothing). */
export async function erasePersonalData(svc: Pick<Services, "rt">, now: Date): Promise<RetentionOutcome> {
  const { rt } = svc;
  const before = retentionCutoff(now, rt.config.retentionDays);
  const dir = previewDir(rt.config);
  let cases = 0;
  let previews = 0;
  for (;;) {
    const batch = await inTransaction(rt.db, async (tx) => {
      const due = await lockCasesToErase(tx, before, batchSize);
      if (due.length === 0) return { cases: 0, previews: 0 };
      const ids = due.map((c) => c.id);
      // Before the rows commit: a failure after this leaves the cases due for the next pass,
      // never an erased case whose files are still there.
      const removed = await removePreviews(dir, await outboxFilesOf(tx, ids));
      await eraseCases(tx, ids, now);
      return { cases: due.length, previews: removed };
    });
    cases += batch.cases;
    previews += batch.previews;
    if (batch.cases < batchSize) break;
  }
  const unmatchedMail = await deleteUnmatchedMail(rt.db, before);
  const channelNotices = await deleteOldChannelNotices(rt.db, before);
  const vendorProfiles = await dropUnusedVendorProfiles(rt.db, before);
  const importDrafts = await forgetOldImportDrafts(svc);
  const homeViewers = await forgetOldHomeViewers(svc);

  // Home viewers are Slack user ids, kept on every case as its owner anyway: no rewrite for them.
  const changed = new Set<RetentionTable>();
  if (cases > 0) for (const table of ["Case", "CaseEvent", "OutboxMessage", "InboundMail", "SlackNotice"] as const) changed.add(table);
  if (channelNotices > 0) changed.add("SlackNotice");
  if (unmatchedMail > 0) changed.add("InboundMail");
  if (vendorProfiles > 0) changed.add("VendorProfile");
  if (importDrafts > 0) changed.add("ImportDraft");
  if (changed.size > 0 && rt.config.databaseUrl === undefined) await compactEmbedded(rt.db, [...changed]);
  return { cases, previews, unmatchedMail, vendorProfiles, importDrafts, homeViewers };
}

/**
 * Deletes the preview files of these outbox rows from the preview folder: the name each row's
 * file was given, and the file its row recorded (by name only, so a path outside the folder is
 * never touched). Returns how many were there.
 */
async function removePreviews(dir: string, rows: Array<{ reference: string; kind: string; previewPath: string | null }>): Promise<number> {
  const names = new Set(rows.flatMap((r) => [`${previewName(r.reference, r.kind)}.eml`, ...(r.previewPath ? [basename(r.previewPath)] : [])]));
  let removed = 0;
  for (const name of names) {
    try {
      await unlink(join(dir, name));
      removed++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return removed;
}
