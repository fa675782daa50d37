import { z } from "zod";
import { Prisma } from "../generated/prisma/client.js";
import { waitsForDelegation, type Stage } from "../domain/stages.js";
import type { Db } from "./db.js";
import type { Queryable, Tx } from "./tx.js";

/** How a poll row ended. */
export type PollOutcome = "detected" | "reported" | "cancelled" | "gave_up";

/** waiting: the case waits for the delegation (awaiting_delegation, delegation_lost); recheck: it is verified and checked again. */
export const pollModeSchema = z.enum(["waiting", "recheck"]);
export type PollMode = z.infer<typeof pollModeSchema>;

/** Whether a poll of `mode` still has something to do for a case in `stage`. */
export function pollFits(mode: PollMode, stage: Stage): boolean {
  return mode === "recheck" ? stage === "verified" : waitsForDelegation(stage);
}

/** A poll the scheduler has claimed: leased until `leaseUntil` (its dueAt meanwhile). */
export interface ClaimedPoll {
  id: number;
  caseId: number;
  mode: PollMode;
  /** polls made before this one without a token */
  attempt: number;
  startedAt: Date;
  leaseUntil: Date;
  /** recheck: a refusal the next check confirms or clears */
  refusal: { at: Date; problem: string } | null;
}

/**
 * The case begins to wait for the delegation, or is verified and watched (`mode`): its poll
 * falls due at `dueAt`. One row per case; a case that waits again starts afresh.
 */
export async function startPoll(tx: Tx, caseId: number, dueAt: Date, now: Date, mode: PollMode = "waiting"): Promise<void> {
  const fresh = { mode, dueAt, attempt: 0, startedAt: now, doneAt: null, outcome: null, lastProblem: null, refusedAt: null, refusal: null };
  await tx.delegationPoll.upsert({ where: { caseId }, create: { caseId, ...fresh }, update: fresh });
}

/** The case leaves awaiting_delegation: its poll ends, in the transaction of the move. */
export async function endPoll(tx: Tx, caseId: number, outcome: PollOutcome, now: Date): Promise<void> {
  await tx.delegationPoll.updateMany({ where: { caseId, doneAt: null }, data: { doneAt: now, outcome } });
}

/**
 * Claims due polls of cases still waiting for the delegation, or still verified for a recheck:
 * `FOR NO KEY UPDATE … SKIP LOCKED` on the poll and its case, so another replica's claim, or a
 * move holding the case row, makes this pass skip the row. The claim moves dueAt to the lease's
 * end and commits at once: the poll is made outside the transaction, and if this replica dies
 * meanwhile the poll falls due again when the lease runs out. A row whose case has left the
 * stages of its mode is ended (a move ends or restarts it; this is the second line).
 */
export async function claimDuePolls(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedPoll[]> {
  return db.$transaction(async (tx) => {
    // timestamp(3) columns holding UTC, as Prisma writes them: compare in UTC whatever the
    // session's time zone is.
    const rows = await tx.$queryRaw<
      Array<{ id: number; caseId: number; mode: string; attempt: number; startedAt: Date; refusedAt: Date | null; refusal: string | null; stage: Stage }>
    >`
      SELECT p.id, p."caseId", p.mode, p.attempt, p."startedAt", p."refusedAt", p.refusal, c.stage
      FROM "DelegationPoll" p JOIN "Case" c ON c.id = p."caseId"
      WHERE p."doneAt" IS NULL AND p."dueAt" <= (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      ORDER BY p."dueAt", p.id
      LIMIT ${limit}
      FOR NO KEY UPDATE OF p, c SKIP LOCKED`;
    const claimed: ClaimedPoll[] = [];
    for (const row of rows) {
      const mode = pollModeSchema.parse(row.mode);
      if (!pollFits(mode, row.stage)) {
        await tx.delegationPoll.update({ where: { id: row.id }, data: { doneAt: now, outcome: "cancelled" } });
        continue;
      }
      await tx.delegationPoll.update({ where: { id: row.id }, data: { dueAt: leaseUntil } });
      const refusal = row.refusedAt && row.refusal ? { at: row.refusedAt, problem: row.refusal } : null;
      claimed.push({ id: row.id, caseId: row.caseId, mode, attempt: row.attempt, startedAt: row.startedAt, leaseUntil, refusal });
    }
    return claimed;
  });
}

/**
 * Settles a claimed poll: the next one at `next`, or done with `outcome`. Only while the claim
 * still holds (the row is open and leased by this claim): a poll ended by a move, or re-claimed
 * after the lease ran out, is left alone. True when this claim settled it. `refusal` (rechecks):
 * the refusal to confirm at the next check, null to clear it, absent to keep it.
 */
export async function settlePoll(
  db: Queryable,
  poll: ClaimedPoll,
  result: { next: Date; problem: string | null; asked?: boolean; refusal?: ClaimedPoll["refusal"] } | { outcome: PollOutcome; problem?: string },
  now: Date,
): Promise<boolean> {
  const refusal = "next" in result && result.refusal !== undefined ? { refusedAt: result.refusal?.at ?? null, refusal: result.refusal?.problem ?? null } : {};
  const data =
    "next" in result
      ? // asked: false when no request was made (no client): the attempt does not count
        { dueAt: result.next, attempt: poll.attempt + (result.asked === false ? 0 : 1), lastProblem: result.problem, ...refusal }
      : { doneAt: now, outcome: result.outcome, attempt: poll.attempt + 1, ...(result.problem ? { lastProblem: result.problem } : {}) };
  const { count } = await db.delegationPoll.updateMany({ where: { id: poll.id, doneAt: null, dueAt: poll.leaseUntil }, data });
  return count === 1;
}

/** The instant as the timestamp(3) columns hold it (UTC, whatever the session's time zone). */
const utc = (at: Date) => Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

export type PollAtOnce = { status: "due" } | { status: "too_soon"; again: Date } | { status: "not_waiting" } | { status: "none" };

/**
 * Brings a waiting case's poll forward to `now` (a «Sjekk nå», a customer's reply); a poll that
 * gave up starts afresh. With `minGapMs` (a click) only when the last «Sjekk nå» is at least
 * that long ago, which is then recorded: one conditional UPDATE, so of two clicks on two
 * replicas one wins. "none": the case has no poll row at all.
 */
export async function pollAtOnce(db: Queryable, caseId: number, now: Date, minGapMs?: number): Promise<PollAtOnce> {
  const gap = minGapMs === undefined ? Prisma.empty : Prisma.sql`AND ("checkNowAt" IS NULL OR "checkNowAt" <= ${utc(new Date(now.getTime() - minGapMs))})`;
  const rows = await db.$queryRaw<Array<{ id: number }>>`
    UPDATE "DelegationPoll" SET
      "dueAt" = CASE WHEN "doneAt" IS NOT NULL OR "dueAt" > ${utc(now)} THEN ${utc(now)} ELSE "dueAt" END,
      "startedAt" = CASE WHEN "doneAt" IS NULL THEN "startedAt" ELSE ${utc(now)} END,
      "attempt" = CASE WHEN "doneAt" IS NULL THEN "attempt" ELSE 0 END,
      "doneAt" = NULL,
      "outcome" = NULL,
      "checkNowAt" = ${minGapMs === undefined ? Prisma.sql`"checkNowAt"` : utc(now)}
    WHERE "caseId" = ${caseId} AND "mode" = 'waiting' AND ("doneAt" IS NULL OR "outcome" = 'gave_up') ${gap}
    RETURNING id`;
  if (rows.length > 0) return { status: "due" };
  const row = await db.delegationPoll.findUnique({ where: { caseId } });
  if (!row) return { status: "none" };
  const waiting = row.mode === "waiting" && (row.doneAt === null || row.outcome === "gave_up");
  if (waiting && minGapMs !== undefined && row.checkNowAt) return { status: "too_soon", again: new Date(row.checkNowAt.getTime() + minGapMs) };
  return { status: "not_waiting" };
}

export async function pollOfCase(db: Queryable, caseId: number) {
  return db.delegationPoll.findUnique({ where: { caseId } });
}

/** The client and its scopes list, as ScopeNotOnClient keys them. */
export interface ClientKey {
  env: string;
  clientId: string;
  clientScopes: string;
}

/** The scopes Maskinporten said are not on this client (as it is configured now). */
export async function scopesNotOnClient(db: Queryable, key: ClientKey): Promise<Set<string>> {
  const rows = await db.scopeNotOnClient.findMany({ where: key, select: { scope: true } });
  return new Set(rows.map((r) => r.scope));
}

/**
 * Records that `scope` is not on the client. True only for the one caller (of any replica) that
 * recorded it first: that one tells the channel.
 */
export async function recordScopeNotOnClient(db: Queryable, key: ClientKey, scope: string, now: Date): Promise<boolean> {
  const rows = await db.$queryRaw<Array<{ scope: string }>>`
    INSERT INTO "ScopeNotOnClient" ("env", "clientId", "clientScopes", "scope", "at")
    VALUES (${key.env}, ${key.clientId}, ${key.clientScopes}, ${scope}, (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'))
    ON CONFLICT DO NOTHING
    RETURNING "scope"`;
  return rows.length === 1;
}

/** The client as ClientProblem keys it. */
export interface ClientOf {
  env: string;
  clientId: string;
}

/**
 * Records a problem of the vendor's own client. True only for the one caller (of any replica)
 * that recorded it first: that one tells the channel.
 */
export async function recordClientProblem(db: Queryable, client: ClientOf, problem: string, now: Date): Promise<boolean> {
  const { count } = await db.clientProblem.createMany({ data: [{ env: client.env, clientId: client.clientId, problem, at: now }], skipDuplicates: true });
  return count === 1;
}

/** Forgets the client's problems (a token came: it works again), so a later one is told again. */
export async function forgetClientProblems(db: Queryable, client: ClientOf): Promise<void> {
  await db.clientProblem.deleteMany({ where: { env: client.env, clientId: client.clientId } });
}
