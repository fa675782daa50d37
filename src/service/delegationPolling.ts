import { nextAttempt } from "../domain/backoff.js";
import { consumerOrgnrOf } from "../domain/caseRecord.js";
import { checkDelegatedToken, type MaskinportenClient, type TokenCheck, type TokenProblem } from "../integrations/maskinporten.js";
import { clientFor } from "../maskinportenSettings.js";
import { findCaseById, type Case } from "../store/cases.js";
import {
  claimDuePolls,
  recordScopeNotOnClient,
  scopesNotOnClient,
  settlePoll,
  type ClaimedPoll,
  type ClientKey,
} from "../store/delegationPolls.js";
import { hasEventWith, logEvent } from "../store/events.js";
import { inTransaction } from "../store/tx.js";
import { advanceCase, moveCase } from "./cases.js";
import type { Services } from "./services.js";

// DESIGN.md step 6 without the customer: while a case waits for the delegation, the app asks
// Maskinporten for a delegated token by itself (consumer_org = the customer, or the fictitious
// company on that route) for each scope on
// the vendor's client, on a growing schedule. Machine to machine, so any hour of any day.

const batch = 10;
/** Long enough for one poll of every scope at the request timeout (6 × 10 s), with room to spare. */
const leaseMs = 5 * 60_000;
/** Marks the case events of a move the poll made. */
export const pollVia = "maskinporten_poll";

/** What a claimed poll came to. */
export type PollResult = "detected" | "waiting" | "gave_up" | "stale" | "not_configured";

/**
 * Claims every due poll (FOR UPDATE SKIP LOCKED with a lease: any number of replicas can run
 * this, each poll is made once, and a crashed replica's claim falls due again) and makes them.
 * Never throws for one case's trouble: that poll falls due again when its lease runs out.
 */
export async function pollsDue(svc: Services): Promise<PollResult[]> {
  const { rt } = svc;
  const results: PollResult[] = [];
  for (;;) {
    const now = rt.now();
    const claimed = await claimDuePolls(rt.db, now, new Date(now.getTime() + leaseMs), batch);
    for (const poll of claimed) {
      try {
        results.push(await pollCase(svc, poll));
      } catch (error) {
        rt.logger.error(`delegation poll of case ${poll.caseId} failed: ${String(error)}`);
      }
    }
    if (claimed.length < batch) return results;
  }
}

function clientKey(client: MaskinportenClient): ClientKey {
  return { env: client.env, clientId: client.clientId, clientScopes: [...client.scopes].sort().join(",") };
}

/**
 * Which of a poll's answers to keep as its last problem: a fault (unreachable, a setting) says
 * the most, then "granted but not delegated yet", then "never granted".
 */
function rank(problem: TokenProblem): number {
  return problem === "scope_not_on_client" ? 0 : problem === "never_granted" ? 1 : problem === "not_delegated" ? 2 : 3;
}

async function pollCase(svc: Services, poll: ClaimedPoll): Promise<PollResult> {
  const { rt, notifier } = svc;
  const c = await findCaseById(rt.db, poll.caseId);
  // Moved since the claim: the move ended the poll.
  if (!c || c.stage !== "awaiting_delegation") return "stale";
  const client = clientFor(rt.config, c.environment);
  const consumer = consumerOrgnrOf(c);
  if (!client || !consumer) {
    // The settings changed since the case began to wait: look again later, without counting.
    const now = rt.now();
    await settlePoll(rt.db, poll, { next: new Date(now.getTime() + rt.config.delegationPoll.maxSeconds * 1000), problem: "not_configured", asked: false }, now);
    return "not_configured";
  }

  const key = clientKey(client);
  const skipped = await scopesNotOnClient(rt.db, key);
  let problem: TokenProblem = "scope_not_on_client";
  for (const scope of client.scopes.filter((s) => !skipped.has(s))) {
    // The grant's iat/exp are read by Maskinporten against its own clock: wall-clock time.
    const check = await checkDelegatedToken(client, { scope, consumerOrgnr: consumer }, { now: new Date() });
    if (check.ok) return detected(svc, c, scope, check);
    if (check.problem === "scope_not_on_client") {
      // Recorded and owed to the channel in one transaction: told once, however long Slack takes.
      const first = await inTransaction(rt.db, async (tx) => {
        if (!(await recordScopeNotOnClient(tx, key, scope, rt.now()))) return false;
        await notifier.scopeNotOnClient({ env: client.env, clientId: client.clientId, scope, reference: c.reference }, tx);
        return true;
      });
      if (first) rt.logger.warn(`Maskinporten: ${scope} is not on client ${client.clientId} (${check.detail})`);
      continue;
    }
    if (rank(check.problem) > rank(problem)) problem = check.problem;
    if (check.problem === "unreachable") {
      rt.logger.warn(`delegation poll of ${c.reference}: Maskinporten unreachable (${check.detail})`);
      break;
    }
    if (check.problem !== "not_delegated" && check.problem !== "never_granted") {
      rt.logger.warn(`delegation poll of ${c.reference} for ${scope}: ${check.problem} (${check.detail})`);
    }
  }

  const now = rt.now();
  const { minSeconds, maxSeconds, giveUpDays } = rt.config.delegationPoll;
  // The first poll came `min` after the case began to wait; each pause after it doubles.
  const next = nextAttempt(now, poll.startedAt, poll.attempt + 2, { retryMinSeconds: minSeconds, retryMaxSeconds: maxSeconds, giveUpHours: giveUpDays * 24 });
  if (next) {
    await settlePoll(rt.db, poll, { next, problem }, now);
    return "waiting";
  }
  const settled = await inTransaction(rt.db, async (tx) => {
    if (!(await settlePoll(tx, poll, { outcome: "gave_up", problem }, now))) return false;
    await logEvent(tx, c.id, "delegation_poll_gave_up", "system", now, { days: giveUpDays, attempts: poll.attempt + 1, lastProblem: problem });
    await notifier.notify(c, { kind: "delegation_poll_gave_up", days: giveUpDays, lastProblem: problem }, tx);
    return true;
  });
  return settled ? "gave_up" : "stale";
}

/**
 * Maskinporten gave a token for `scope`: the customer has delegated. The case goes through
 * completed (the scope recorded) to verified, and the thread and the owner hear it was found
 * automatically. A scope reported by hand in the meantime wins the case; if it differs from the
 * one found, the thread says so.
 */
async function detected(svc: Services, c: Case, scope: string, check: Extract<TokenCheck, { ok: true }>): Promise<PollResult> {
  const { rt, notifier } = svc;
  const details = { via: pollVia, scope, consumer: check.consumer, supplier: check.supplier };
  // moveCase, not advanceCase: the thread hears one notice for both steps, below.
  const first = await moveCase(rt, { reference: c.reference, from: "awaiting_delegation", to: "completed", actor: "maskinporten", set: { scope }, details });
  if (first.status === "moved") {
    const second = await advanceCase(
      svc,
      { reference: c.reference, from: "completed", to: "verified", actor: "maskinporten", details },
      { kind: "delegation_detected", scope, consumer: check.consumer, supplier: check.supplier },
    );
    rt.logger.info(`delegation poll of ${c.reference}: token for ${scope}, case ${second.status === "moved" ? "verified" : "moved on meanwhile"}`);
    return "detected";
  }
  if (first.status === "stale" && first.case.scope && first.case.scope !== scope) {
    await notifier.notify(first.case, { kind: "scope_differs", reported: first.case.scope, detected: scope });
  }
  return "stale";
}

/**
 * A scope report that came too late: the poll had already found the delegation. When the scope
 * found is not the one reported, the thread says so. True when it did.
 */
export async function reportedAfterDetection(svc: Services, c: Case, reported: string): Promise<boolean> {
  if (!c.scope || c.scope === reported || (c.stage !== "completed" && c.stage !== "verified")) return false;
  if (!(await hasEventWith(svc.rt.db, c.id, "stage:completed", "via", pollVia))) return false;
  await svc.notifier.notify(c, { kind: "scope_differs", reported, detected: c.scope });
  return true;
}
