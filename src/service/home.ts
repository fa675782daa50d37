import { homeViewersSince, recordHomeOpened } from "../store/homeViewers.js";
import type { Services } from "./services.js";

// Home that stays current: when a case changes, its owner's Home is published again, and so is
// the Home of everyone who opened it lately. Who opened it is kept in the database, so whichever
// replica makes the change knows.

/** A Home opened within this many hours is kept current. */
export const homeViewerHours = 24;
/** At most this many recent viewers are republished per change (a team, not a company). */
export const homeViewerCap = 200;

export function noteHomeOpened(svc: Services, userId: string): Promise<void> {
  return recordHomeOpened(svc.rt.db, userId, svc.rt.now());
}

/** Whose Home shows a changed case of these owners: the owners, and everyone who opened Home lately. */
export async function homeAudience(svc: Services, owners: Iterable<string>): Promise<string[]> {
  const since = new Date(svc.rt.now().getTime() - homeViewerHours * 3600_000);
  const viewers = await homeViewersSince(svc.rt.db, since, homeViewerCap);
  return [...new Set([...owners, ...viewers])];
}
