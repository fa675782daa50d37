import type { Db } from "./db.js";
import type { Queryable, Tx } from "./tx.js";

/** How a poll row ended. */
export type PollOutcome = "detected" | "reported" | "cancelled" | "gave_up";

/** A poll the scheduler has claimed: leased until `leaseUntil` (its dueAt meanwhile). */
export interface ClaimedPoll {
  id: number;
  caseId: number;
  /** polls made before this one without a token */
  attempt: number;
  startedAt: Date;
  leaseUntil: Date;
}

/**
 * The case begins to wait for the delegation: its poll falls due at `dueAt`. One row per case;
 * a case that waits again starts afresh.
 */
export async function startPoll(tx: Tx, caseId: number, dueAt: Date, now: Date): Promise<void> {
  const fresh = { dueAt, attempt: 0, startedAt: now, doneAt: null, outcome: null, lastProblem: null };
  await tx.delegationPoll.upsert({ where: { caseId }, create: { caseId, ...fresh }, update: fresh });
}

/** The case leaves awaiting_delegation: its poll ends, in the transaction of the move. */
export async function endPoll(tx: Tx, caseId: number, outcome: PollOutcome, now: Date): Promise<void> {
  await tx.delegationPoll.updateMany({ where: { caseId, doneAt: null }, data: { doneAt: now, outcome } });
}

/**
 * Claims due polls of cases still waiting for the delegation: `FOR NO KEY UPDATE … SKIP LOCKED`
 * on the poll and its case, so another replica's claim, or a move holding the case row, makes
 * this pass skip the row. The claim moves dueAt to the lease's end and commits at once: the poll
 * is made outside the transaction, and if this replica dies meanwhile the poll falls due again
 * when the lease runs out. A row whose case is no longer waiting is ended (a move ends it; this
 * is the second line).
 */
export async function claimDuePolls(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedPoll[]> {
  return db.$transaction(async (tx) => {
    // timestamp(3) columns holding UTC, as Prisma writes them: compare in UTC whatever the
    // session's time zone is.
    const rows = await tx.$queryRaw<Array<{ id: number; caseId: number; attempt: number; startedAt: Date; stage: string }>>`
      SELECT p.id, p."caseId", p.attempt, p."startedAt", c.stage
      FROM "DelegationPoll" p JOIN "Case" c ON c.id = p."caseId"
      WHERE p."doneAt" IS NULL AND p."dueAt" <= (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      ORDER BY p."dueAt", p.id
      LIMIT ${limit}
      FOR NO KEY UPDATE OF p, c SKIP LOCKED`;
    const claimed: ClaimedPoll[] = [];
    for (const row of rows) {
      if (row.stage !== "awaiting_delegation") {
        await tx.delegationPoll.update({ where: { id: row.id }, data: { doneAt: now, outcome: "cancelled" } });
        continue;
      }
      await tx.delegationPoll.update({ where: { id: row.id }, data: { dueAt: leaseUntil } });
      claimed.push({ id: row.id, caseId: row.caseId, attempt: row.attempt, startedAt: row.startedAt, leaseUntil });
    }
    return claimed;
  });
}

/**
 * Settles a claimed poll: the next one at `next`, or done with `outcome`. Only while the claim
 * still holds (the row is open and leased by this claim): a poll ended by a move, or re-claimed
 * after the lease ran out, is left alone. True when this claim settled it.
 */
export async function settlePoll(
  db: Queryable,
  poll: ClaimedPoll,
  result: { next: Date; problem: string; asked?: boolean } | { outcome: PollOutcome; problem?: string },
  now: Date,
): Promise<boolean> {
  const data =
    "next" in result
      ? // asked: false when no request was made (no client): the attempt does not count
        { dueAt: result.next, attempt: poll.attempt + (result.asked === false ? 0 : 1), lastProblem: result.problem }
      : { doneAt: now, outcome: result.outcome, attempt: poll.attempt + 1, ...(result.problem ? { lastProblem: result.problem } : {}) };
  const { count } = await db.delegationPoll.updateMany({ where: { id: poll.id, doneAt: null, dueAt: poll.leaseUntil }, data });
  return count === 1;
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
