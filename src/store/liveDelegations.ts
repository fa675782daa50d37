import type { CaseRecord } from "../domain/caseRecord.js";
import { environments, type Environment } from "../domain/environments.js";
import { Prisma } from "../generated/prisma/client.js";
import type { Db } from "./db.js";
import { toCase } from "./records.js";

// The live delegations: verified cases, and lost ones (delegation_lost), read from the
// (stage, environment, scope, customerName) index, so the time follows the size of the answer
// (bench/status.ts), not the number of verified cases.

const order = [{ environment: "asc" as const }, { scope: "asc" as const }, { customerName: "asc" as const }, { id: "asc" as const }];

/** Lost delegations by environment, scope and customer, at most `limit`. */
export async function lostDelegations(db: Db, limit: number): Promise<CaseRecord[]> {
  return (await db.case.findMany({ where: { stage: "delegation_lost" }, orderBy: order, take: limit })).map(toCase);
}

/**
 * Lost delegations first, then verified ones, each by environment, scope and customer; at most
 * `limit`, read in that order from the (stage, environment, scope, customerName) index.
 */
export async function liveDelegations(db: Db, limit: number): Promise<{ cases: CaseRecord[]; more: boolean }> {
  const lost = await db.case.findMany({ where: { stage: "delegation_lost" }, orderBy: order, take: limit + 1 });
  const verified = lost.length > limit ? [] : await db.case.findMany({ where: { stage: "verified" }, orderBy: order, take: limit + 1 - lost.length });
  const all = [...lost, ...verified].map(toCase);
  return { cases: all.slice(0, limit), more: all.length > limit };
}

/**
 * How many delegations are verified and how many lost, per environment, each counted up to
 * `cap` (shown as "cap+"): Home asks on every refresh, and an exact count of tens of thousands
 * of verified cases would read every one of them.
 */
export async function liveCounts(db: Db, cap: number): Promise<Record<Environment, { verified: number; lost: number }>> {
  const parts = environments.flatMap((env) =>
    (["verified", "delegation_lost"] as const).map(
      (stage) => Prisma.sql`SELECT ${env}::text AS env, ${stage}::text AS stage, (SELECT count(*) FROM (SELECT 1 FROM "Case" WHERE "stage" = ${stage} AND "environment" = ${env} LIMIT ${cap}) x)::int AS n`,
    ),
  );
  const rows = await db.$queryRaw<Array<{ env: Environment; stage: string; n: number }>>`${Prisma.join(parts, " UNION ALL ")}`;
  const counts: Record<Environment, { verified: number; lost: number }> = { tt02: { verified: 0, lost: 0 }, production: { verified: 0, lost: 0 } };
  for (const r of rows) counts[r.env][r.stage === "verified" ? "verified" : "lost"] = Number(r.n);
  return counts;
}
