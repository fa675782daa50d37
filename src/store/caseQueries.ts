import type { CaseRecord } from "../domain/caseRecord.js";
import { Prisma, type Case as CaseRow } from "../generated/prisma/client.js";
import { nameWords } from "../domain/search.js";
import { isOpen, openStages, type OpenStage } from "../domain/stages.js";
import type { Db } from "./db.js";
import { toCase } from "./records.js";

// Read-only lookups for status, liste and App Home. Each one is answered from an index, so
// the time it takes follows the size of the answer, not the number of cases stored
// (bench/status.ts measures 100 against 100,000 cases).

function likePrefix(word: string): string {
  return `${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface Found {
  cases: CaseRecord[];
  /** more cases matched than were returned */
  more: boolean;
}

/** Cases of this customer, or of this fictitious company (the fictitious route), newest first. */
export async function casesByCustomerOrgnr(db: Db, orgnr: string, limit: number): Promise<Found> {
  const rows = await db.case.findMany({ where: { OR: [{ customerOrgnr: orgnr }, { fictitiousOrgnr: orgnr }] }, orderBy: { id: "desc" }, take: limit + 1 });
  return { cases: rows.slice(0, limit).map(toCase), more: rows.length > limit };
}

/**
 * Cases whose customer name has a word starting with each typed word ("nord sønn" finds
 * "Nordlys & Sønn AS"), newest first; `normalized` comes from normalizeForSearch. The longest
 * typed word goes to the token index, the others are checked per candidate. For a rare word the
 * planner reads its few cases from the index and sorts them; for a common one it walks the
 * cases newest first and stops at the limit (bench/status.ts).
 */
export async function casesByName(db: Db, normalized: string, limit: number): Promise<Found> {
  const words = [...new Set(nameWords(normalized))].sort((a, b) => b.length - a.length);
  const [first, ...others] = words;
  if (!first) return { cases: [], more: false };
  const checks = others.map(
    (w) => Prisma.sql`AND EXISTS (SELECT 1 FROM "CaseNameToken" o WHERE o."caseId" = c."id" AND o."token" LIKE ${likePrefix(w)})`,
  );
  // A semi-join (IN), not a join: a case whose name has two words starting with `first` counts once.
  const rows = await db.$queryRaw<CaseRow[]>`
    SELECT c.* FROM "Case" c
    WHERE c."id" IN (SELECT t."caseId" FROM "CaseNameToken" t WHERE t."token" LIKE ${likePrefix(first)})
    ${checks.length ? Prisma.join(checks, " ") : Prisma.empty}
    ORDER BY c."id" DESC
    LIMIT ${limit + 1}`;
  return { cases: rows.slice(0, limit).map(toCase), more: rows.length > limit };
}

export type ListScope = "mine" | "alle" | "venter";

/** Stages where the team waits on Brreg or the customer (order_pending is the app's own job). */
export const waitingStages: readonly OpenStage[] = ["customer_access_pending", "awaiting_brreg", "awaiting_delegation"];

export function stagesOf(scope: ListScope): readonly OpenStage[] {
  return scope === "venter" ? waitingStages : openStages;
}

/** Where a page of open cases starts: after this case in (stage order, stageChangedAt, id). */
export interface ListCursor {
  stage: OpenStage;
  at: Date;
  id: number;
}

export interface ListPage {
  cases: CaseRecord[];
  /** where the next page starts; absent on the last page */
  next?: ListCursor;
}

/**
 * Open cases grouped by stage (in the order of the process), oldest in its stage first.
 * One query per stage on (stage, stageChangedAt) — or (ownerUserId, stage, stageChangedAt) for "mine" — each
 * limited, so a page costs the same with 100 or 100,000 cases.
 */
export async function listOpenCases(
  db: Db,
  options: { scope: ListScope; userId: string; pageSize: number; after?: ListCursor | undefined },
): Promise<ListPage> {
  const { scope, userId, pageSize, after } = options;
  const stages = stagesOf(scope);
  const startAt = after ? stages.indexOf(after.stage) : 0;
  const cases: CaseRecord[] = [];
  for (let i = Math.max(0, startAt); i < stages.length && cases.length <= pageSize; i++) {
    const stage = stages[i]!;
    // (stageChangedAt, id) > (at, id), written so that "stageChangedAt >= at" bounds the index scan.
    const resume =
      after && stage === after.stage
        ? { stageChangedAt: { gte: after.at }, OR: [{ stageChangedAt: { gt: after.at } }, { id: { gt: after.id } }] }
        : {};
    const rows = await db.case.findMany({
      where: { stage, ...(scope === "mine" ? { ownerUserId: userId } : {}), ...resume },
      orderBy: [{ stageChangedAt: "asc" }, { id: "asc" }],
      take: pageSize + 1 - cases.length,
    });
    cases.push(...rows.map(toCase));
  }
  if (cases.length <= pageSize) return { cases };
  const page = cases.slice(0, pageSize);
  const last = page[page.length - 1]!;
  // Every row came from an open stage's query.
  if (!isOpen(last.stage)) throw new Error(`${last.reference} is listed as open in stage ${last.stage}`);
  return { cases: page, next: { stage: last.stage, at: last.stageChangedAt, id: last.id } };
}

/**
 * Open cases per stage, counted up to `cap` (shown as "cap+"): an exact count of thousands of
 * open cases would read every one of them, and nobody needs it to the unit on the Home tab.
 */
export async function openCaseCounts(db: Db, cap: number): Promise<Record<OpenStage, number>> {
  const parts = openStages.map(
    (s) => Prisma.sql`SELECT ${s}::text AS stage, (SELECT count(*) FROM (SELECT 1 FROM "Case" WHERE "stage" = ${s} LIMIT ${cap}) x)::int AS n`,
  );
  const rows = await db.$queryRaw<Array<{ stage: OpenStage; n: number }>>`${Prisma.join(parts, " UNION ALL ")}`;
  const counts = Object.fromEntries(openStages.map((s) => [s, 0])) as Record<OpenStage, number>;
  for (const r of rows) counts[r.stage] = Number(r.n);
  return counts;
}
