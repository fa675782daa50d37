import { liveDelegationsCsv } from "../domain/liveDelegationsCsv.js";
import { liveCounts, liveDelegations, lostDelegations } from "../store/liveDelegations.js";
import type { Services } from "./services.js";

// `/delegering aktive`: the delegations the vendor's integration depends on, verified or lost.

/** Listed in the command's answer; the CSV holds up to `exportedAtMost`. */
export const activeListed = 60;
export const exportedAtMost = 10_000;

/** The live delegations (lost first, at most `limit`) and how many there are in all, each count up to `countCap`. */
export async function activeDelegations(svc: Services, countCap: number, limit = activeListed) {
  const [list, counts] = await Promise.all([liveDelegations(svc.rt.db, limit), liveCounts(svc.rt.db, countCap)]);
  const totals = { verified: counts.tt02.verified + counts.production.verified, lost: counts.tt02.lost + counts.production.lost };
  return { ...list, totals, countCap };
}

/** The CSV of every live delegation (up to exportedAtMost), with how many rows it has. */
export async function activeDelegationsCsv(svc: Services): Promise<{ csv: string; count: number }> {
  const { cases } = await liveDelegations(svc.rt.db, exportedAtMost);
  return { csv: liveDelegationsCsv(cases), count: cases.length };
}

/** What Home shows: live delegations per environment (each count up to `countCap`), and the lost ones (at most `lostListed`). */
export async function liveSummary(svc: Services, countCap: number, lostListed = 10) {
  const counts = await liveCounts(svc.rt.db, countCap);
  const lost = counts.tt02.lost + counts.production.lost;
  const listed = lost > 0 ? await lostDelegations(svc.rt.db, lostListed) : [];
  return { counts, countCap, lost: listed, lostMore: lost > listed.length };
}
