import type { ListCursor } from "../store/caseQueries.js";
import { forgetHomeViewers, homeViewersSince, recordHomeShown, type HomeViewer } from "../store/homeViewers.js";
import type { Services } from "./services.js";

export type { HomeViewer };

// Home that stays current: when a case changes, its owner's Home is published again, and so is
// the Home of everyone who opened it lately. Who opened it is kept in the database, so whichever
// replica makes the change knows.

/** A Home opened within this many hours is kept current. */
export const homeViewerHours = 24;
/** At most this many recent viewers are republished per change (a team, not a company). */
export const homeViewerCap = 200;

/** `userId` was shown team page `page` of Home (opening the tab: the first), so a refresh keeps them on it. */
export function noteHomeShown(svc: Services, userId: string, page = 1, after?: ListCursor): Promise<void> {
  return recordHomeShown(svc.rt.db, userId, svc.rt.now(), page, after);
}

/**
 * Whose Home shows a changed case of these owners, and on which team page: everyone who looked
 * at Home lately on the page they were shown, and the owners (on the first page if they were not).
 */
export async function homeAudience(svc: Services, owners: Iterable<string>): Promise<HomeViewer[]> {
  const viewers = await homeViewersSince(svc.rt.db, viewersSince(svc.rt.now()), homeViewerCap);
  const seen = new Set(viewers.map((v) => v.userId));
  return [...viewers, ...[...new Set(owners)].filter((o) => !seen.has(o)).map((userId) => ({ userId, page: 1 }))];
}

function viewersSince(now: Date): Date {
  return new Date(now.getTime() - homeViewerHours * 3600_000);
}

/** Forgets who opened Home longer ago than a refresh reaches; returns how many. */
export function forgetOldHomeViewers(svc: Pick<Services, "rt">): Promise<number> {
  return forgetHomeViewers(svc.rt.db, viewersSince(svc.rt.now()));
}
