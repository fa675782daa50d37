import type { CaseRecord } from "../domain/caseRecord.js";
import { eventsToCsv } from "../domain/eventsCsv.js";
import type { StatusQuery } from "../domain/search.js";
import { findCaseByReference } from "../store/cases.js";
import { casesByCustomerOrgnr, casesByName, listOpenCases, openCaseCounts, type Found, type ListCursor, type ListPage, type ListScope } from "../store/caseQueries.js";
import { allEvents, recentEvents } from "../store/events.js";
import { findVendorProfile, type VendorProfile } from "../store/vendorProfiles.js";
import { homeWarningDays } from "../domain/credentialThresholds.js";
import { credentialExpiries } from "./credentialExpiry.js";
import { stepMedians } from "./durations.js";
import { liveSummary } from "./liveDelegations.js";
import type { Services } from "./services.js";

// The read side for `status`, `liste`, App Home and the event export. Each lookup is answered
// from an index, so its time follows the size of the answer, not the number of cases stored.

export type { Found, ListCursor, ListPage, ListScope, VendorProfile };

/** Matches listed at most by `status`; more gets a "narrow it down" hint. */
export const maxMatches = 20;

/** The cases a `status` query names: one by reference, or those of an org number or a name (newest first). */
export async function casesMatching(svc: Services, query: Exclude<StatusQuery, { kind: "empty" | "tooLong" }>): Promise<Found> {
  const { db } = svc.rt;
  if (query.kind === "reference") {
    const c = await findCaseByReference(db, query.reference);
    return { cases: c ? [c] : [], more: false };
  }
  if (query.kind === "orgnr") return casesByCustomerOrgnr(db, query.orgnr, maxMatches);
  return casesByName(db, query.text, maxMatches);
}

/** The case's latest events, newest first. */
export function latestEvents(svc: Services, c: Pick<CaseRecord, "id">, take = 10) {
  return recentEvents(svc.rt.db, c.id, take);
}

/** Open cases by stage, oldest in its stage first, a page at a time. */
export function openCases(svc: Services, options: { scope: ListScope; userId: string; pageSize: number; after?: ListCursor | undefined }): Promise<ListPage> {
  return listOpenCases(svc.rt.db, options);
}

/** Stage counts above this show as "500+": counting further would read every open case. */
export const countCap = 500;

/** What one user's Home tab shows: their own open cases, a page of the team's, the counts per stage and how long steps take. */
export async function homeData(svc: Services, userId: string, sizes: { mine: number; team: number }, after?: ListCursor, shared?: TeamHomeData) {
  const [mine, teamPart] = await Promise.all([
    listOpenCases(svc.rt.db, { scope: "mine", userId, pageSize: sizes.mine }),
    shared ?? teamHomeData(svc, sizes.team, after),
  ]);
  return { mine, ...teamPart };
}

/**
 * What every viewer's Home shows alike: a page of the team's cases, the counts per stage, the
 * medians, the live delegations (and the lost ones), and the Maskinporten credentials that end
 * within 30 days.
 */
export async function teamHomeData(svc: Services, teamSize: number, after?: ListCursor) {
  const { db } = svc.rt;
  const [team, counts, medians, live, ending] = await Promise.all([
    listOpenCases(db, { scope: "alle", userId: "", pageSize: teamSize, after }),
    openCaseCounts(db, countCap),
    stepMedians(svc),
    liveSummary(svc, countCap),
    credentialExpiries(svc.rt),
  ]);
  const soon = svc.rt.now().getTime() + homeWarningDays * 86_400_000;
  return { team, counts, countCap, medians, live, credentials: ending.filter((e) => e.expiresAt.getTime() < soon) };
}
export type TeamHomeData = Awaited<ReturnType<typeof teamHomeData>>;

/** `first` with the team's list started after `after` instead: the counts and medians are the same on every page. */
export async function teamPageAfter(svc: Services, first: TeamHomeData, teamSize: number, after: ListCursor): Promise<TeamHomeData> {
  return { ...first, team: await listOpenCases(svc.rt.db, { scope: "alle", userId: "", pageSize: teamSize, after }) };
}

/** The case's whole event log as CSV (events never hold identity numbers or mail bodies). */
export async function eventLogCsv(svc: Services, c: Pick<CaseRecord, "id">, header: readonly string[]): Promise<{ csv: string; count: number }> {
  const events = await allEvents(svc.rt.db, c.id);
  return { csv: eventsToCsv(events, header), count: events.length };
}

/** The vendor's own data saved from the workspace's last order, or null. */
export function vendorProfile(svc: Services, workspaceId: string): Promise<VendorProfile | null> {
  return findVendorProfile(svc.rt.db, workspaceId);
}
