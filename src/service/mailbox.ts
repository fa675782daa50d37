import { openStages } from "../domain/stages.js";
import { oldestCreatedIn } from "../store/cases.js";
import { databaseAnswers as ping } from "../store/db.js";
import { advanceCursor, readCursor, resetCursor, type Cursor } from "../store/inbound.js";
import type { Services } from "./services.js";

// The mailbox watcher's bookkeeping: where it left off in each mailbox.

export type { Cursor };

export function mailboxCursor(svc: Services, mailbox: string): Promise<Cursor | null> {
  return readCursor(svc.rt.db, mailbox);
}

/** Starts a mailbox over (new to us, or its UIDVALIDITY changed) after `lastUid`. */
export function restartMailbox(svc: Services, mailbox: string, uidValidity: bigint, lastUid: bigint): Promise<void> {
  return resetCursor(svc.rt.db, mailbox, uidValidity, lastUid);
}

/** Moves the cursor past a handled message (forward only, within the same UIDVALIDITY). */
export function mailboxHandled(svc: Services, mailbox: string, uidValidity: bigint, uid: bigint): Promise<void> {
  return advanceCursor(svc.rt.db, mailbox, uidValidity, uid);
}

/** When the oldest open case was created: older mail cannot matter to any case. */
export function oldestOpenCase(svc: Services): Promise<Date | null> {
  return oldestCreatedIn(svc.rt.db, openStages);
}

/** Whether the database answers a trivial query within 2 seconds. */
export function databaseAnswers(svc: Services): Promise<boolean> {
  return ping(svc.rt.db);
}
