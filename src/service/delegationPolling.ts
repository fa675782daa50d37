import { consumerOrgnrOf, type CaseRecord } from "../domain/caseRecord.js";
import type { DelegationLoss } from "../domain/notices.js";
import { nextRecheckAt, nextWaitingPoll } from "../domain/pollSchedule.js";
import { isClientProblem, isCustomerRefusal, isPassingFault } from "../domain/tokenProblems.js";
import { checkDelegatedToken, type MaskinportenClient, type TokenCheck, type TokenProblem } from "../integrations/maskinporten.js";
import { clientFor } from "../maskinportenSettings.js";
import { findCaseById, markVerified } from "../store/cases.js";
import {
  claimDuePolls,
  forgetClientProblems,
  pollFits,
  recordClientProblem,
  recordScopeNotOnClient,
  scopesNotOnClient,
  settlePoll,
  type ClaimedPoll,
  type ClientKey,
} from "../store/delegationPolls.js";
import { hasEventWith, logEvent } from "../store/events.js";
import { inTransaction } from "../store/tx.js";
import { rrhCheckFor } from "./brregApi.js";
import { advanceCase, moveCase, waitingPollPolicy } from "./cases.js";
import { blameEndedCredential } from "./credentialExpiry.js";
import type { Services } from "./services.js";

// DESIGN.md step 6 without the customer: while a case waits for the delegation, the app asks
// Maskinporten for a delegated token by itself (consumer_org = the customer, or the fictitious
// company on that route) for each scope on the vendor's client, on a growing schedule. Machine to machine, so any hour of any day. A
// verified delegation stays watched (step 8): its scope is asked for again every
// DELEGATION_RECHECK_HOURS, and two refusals in a row make it delegation_lost, which is polled
// like a waiting case until a token restores it.

const batch = 10;
/** Long enough for one poll of every scope at the request timeout (6 × 10 s), with room to spare. */
const leaseMs = 5 * 60_000;
/** Marks the case events of a move the poll made. */
export const pollVia = "maskinporten_poll";

/** What a claimed poll came to. */
export type PollResult = "detected" | "restored" | "waiting" | "gave_up" | "stale" | "not_configured" | "verified" | "refused" | "lost";

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
  const { rt } = svc;
  const c = await findCaseById(rt.db, poll.caseId);
  // Moved since the claim: the move ended (or restarted) the poll.
  if (!c || !pollFits(poll.mode, c.stage)) return "stale";
  const client = clientFor(rt.config, c.environment);
  const consumer = consumerOrgnrOf(c);
  if (!client || !consumer) {
    // The settings changed since the case began to wait: look again later, without counting.
    const now = rt.now();
    await settlePoll(rt.db, poll, { next: new Date(now.getTime() + rt.config.delegationPoll.maxSeconds * 1000), problem: "not_configured", asked: false }, now);
    return "not_configured";
  }
  const asking: Asking = { client, consumer };
  return poll.mode === "recheck" ? recheck(svc, poll, c, asking) : waitingPoll(svc, poll, c, asking);
}

/** Who is asked and for whom: the environment's client, and the consumer_org (consumerOrgnrOf: the customer, or the fictitious company). */
interface Asking {
  client: MaskinportenClient;
  consumer: string;
}

/**
 * Asks for a token for one scope and does what an answer calls for beyond this case: MP-200 and
 * a problem of the client itself are told to the channel once (they concern every customer of
 * the environment), and a token clears the client's problems, so a later one is told again.
 */
async function ask(svc: Services, c: CaseRecord, { client, consumer }: Asking, scope: string): Promise<TokenCheck> {
  const { rt, notifier } = svc;
  // The grant's iat/exp are read by Maskinporten against its own clock: wall-clock time. In TT02
  // Brreg's API is asked about the same organisation as the grant's consumer_org.
  const asked = await checkDelegatedToken(client, { scope, consumerOrgnr: consumer }, { now: new Date(), rrh: rrhCheckFor(rt.config, c.environment) });
  const check = await blameEndedCredential(rt, client, asked);
  if (check.ok) {
    await forgetClientProblems(rt.db, client);
    return check;
  }
  if (check.problem === "scope_not_on_client") {
    // Recorded and owed to the channel in one transaction: told once, however long Slack takes.
    const first = await inTransaction(rt.db, async (tx) => {
      if (!(await recordScopeNotOnClient(tx, clientKey(client), scope, rt.now()))) return false;
      await notifier.scopeNotOnClient({ env: client.env, clientId: client.clientId, scope, reference: c.reference }, tx);
      return true;
    });
    if (first) rt.logger.warn(`Maskinporten: ${scope} is not on client ${client.clientId} (${check.detail})`);
  } else if (check.problem === "unreachable" || check.problem === "rrh_unreachable") {
    rt.logger.warn(`delegation poll of ${c.reference}: ${check.problem === "unreachable" ? "Maskinporten" : "Brreg's API"} unreachable (${check.detail})`);
  } else if (check.problem === "rrh_refused") {
    // Only the status: Brreg's answer is never read.
    rt.logger.warn(`delegation poll of ${c.reference} for ${scope}: a token, but Brreg's API refused it (${check.detail})`);
  } else if (!isCustomerRefusal(check.problem)) {
    rt.logger.warn(`delegation poll of ${c.reference} for ${scope}: ${check.problem} (${check.detail})`);
    if (isClientProblem(check.problem)) {
      const { problem, detail } = check;
      // Recorded and owed to the channel together: told once until a token clears it.
      await inTransaction(rt.db, async (tx) => {
        if (await recordClientProblem(tx, client, problem, rt.now())) {
          await notifier.clientProblem({ env: client.env, clientId: client.clientId, problem, detail, reference: c.reference }, tx);
        }
      });
    }
  }
  return check;
}

/** A case waiting for the delegation (or for it again): every scope on the client, or the lost one. */
async function waitingPoll(svc: Services, poll: ClaimedPoll, c: CaseRecord, asking: Asking): Promise<PollResult> {
  const { rt, notifier } = svc;
  const { client } = asking;
  const skipped = await scopesNotOnClient(rt.db, clientKey(client));
  // A lost delegation is the case's own scope coming back; a first one may be any on the client.
  const wanted: readonly string[] = c.stage === "delegation_lost" && c.scope ? [c.scope] : client.scopes;
  let problem: TokenProblem = "scope_not_on_client";
  for (const scope of wanted.filter((s) => !skipped.has(s))) {
    const check = await ask(svc, c, asking, scope);
    if (check.ok) return c.stage === "delegation_lost" ? restored(svc, c, scope, check) : detected(svc, c, scope, check);
    // The delegation is there but Brreg does not accept its token: the case waits no longer for
    // the customer, it stops at completed with the explanation (and «Sjekk token igjen»).
    if (check.problem === "rrh_refused" && c.stage === "awaiting_delegation") return refusedByBrreg(svc, c, scope, check.detail);
    if (check.problem === "scope_not_on_client") continue;
    if (rank(check.problem) > rank(problem)) problem = check.problem;
    if (check.problem === "unreachable" || check.problem === "rrh_unreachable") break;
  }

  const now = rt.now();
  const { giveUpDays } = rt.config.delegationPoll;
  // The first poll came `min` after the case began to wait; each pause after it doubles, but
  // stays short while the customer is at work in the first days of the wait.
  const next = nextWaitingPoll(now, poll.startedAt, poll.attempt + 2, waitingPollPolicy(rt));
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
 * A verified case checked again for its scope. A token records the verification and sets the
 * next check on the case's slot. MP-251/MP-250 once is not enough to alarm anyone: a second
 * check `DELEGATION_POLL_MIN_SECONDS` later confirms it, and only then the case moves to
 * delegation_lost. MP-200, Maskinporten down or a problem of the client never move the case.
 */
async function recheck(svc: Services, poll: ClaimedPoll, c: CaseRecord, asking: Asking): Promise<PollResult> {
  const { rt } = svc;
  const { recheckHours, minSeconds } = rt.config.delegationPoll;
  const nextSlot = () => nextRecheckAt(rt.now(), c.id, recheckHours * 3_600_000);
  const scope = c.scope;
  if (!scope || (await scopesNotOnClient(rt.db, clientKey(asking.client))).has(scope)) {
    // Nothing to ask (MP-200 was told once already): the case stays verified.
    await settlePoll(rt.db, poll, { next: nextSlot(), problem: "scope_not_on_client" }, rt.now());
    return "waiting";
  }
  const check = await ask(svc, c, asking, scope);
  if (check.ok) {
    await markVerified(rt.db, c.id, rt.now());
    await settlePoll(rt.db, poll, { next: nextSlot(), problem: null, refusal: null }, rt.now());
    if (poll.refusal) rt.logger.info(`recheck of ${c.reference}: a token again, so the ${poll.refusal.problem} before it is forgotten`);
    return "verified";
  }
  if (isCustomerRefusal(check.problem)) return refused(svc, poll, c, scope, check.problem);
  // A refusal waiting for its confirmation is confirmed (or cleared) soon; otherwise the next slot.
  const soon = poll.refusal && isPassingFault(check.problem) ? new Date(rt.now().getTime() + minSeconds * 1000) : nextSlot();
  await settlePoll(rt.db, poll, { next: soon, problem: check.problem }, rt.now());
  return "waiting";
}

/** A verified case refused: the first refusal is checked again soon; the second moves it to delegation_lost. */
async function refused(svc: Services, poll: ClaimedPoll, c: CaseRecord, scope: string, problem: DelegationLoss["problem"]): Promise<PollResult> {
  const { rt } = svc;
  const now = rt.now();
  if (!poll.refusal) {
    const next = new Date(now.getTime() + rt.config.delegationPoll.minSeconds * 1000);
    await settlePoll(rt.db, poll, { next, problem, refusal: { at: now, problem } }, now);
    rt.logger.info(`recheck of ${c.reference}: ${problem} for ${scope}; a second check at ${next.toISOString()} confirms it or not`);
    return "refused";
  }
  const loss: DelegationLoss = { scope, since: poll.refusal.at, lastVerifiedAt: c.lastVerifiedAt, problem };
  const details = { via: pollVia, scope, problem, since: loss.since.toISOString(), lastVerifiedAt: loss.lastVerifiedAt?.toISOString() ?? null };
  // Entering delegation_lost restarts this case's poll row on the waiting schedule; the notice's
  // rows (the thread, the owner's DM and the case channel) commit with the move.
  const moved = await advanceCase(svc, { reference: c.reference, from: "verified", to: "delegation_lost", actor: "maskinporten", details }, { kind: "delegation_lost", loginSentTo: c.loginSentTo, ...loss });
  if (moved.status !== "moved") return "stale";
  rt.logger.warn(`recheck of ${c.reference}: ${problem} for ${scope} twice since ${loss.since.toISOString()}: the delegation is lost`);
  return "lost";
}

/**
 * The first delegation is there (a token for `scope`) but Brreg's API refused it: the case moves
 * to completed with the scope, not to verified, and the thread explains what Brreg must do.
 */
async function refusedByBrreg(svc: Services, c: CaseRecord, scope: string, detail: string): Promise<PollResult> {
  const { rt } = svc;
  const moved = await advanceCase(
    svc,
    { reference: c.reference, from: "awaiting_delegation", to: "completed", actor: "maskinporten", set: { scope }, details: { via: pollVia, scope, brreg: detail } },
    { kind: "token_failed", scope, problem: "rrh_refused", detail },
  );
  if (moved.status === "moved") await logEvent(rt.db, c.id, "token_failed", "maskinporten", rt.now(), { scope, problem: "rrh_refused", detail });
  return moved.status === "moved" ? "refused" : "stale";
}

/** A lost delegation gives a token again: verified again, and the thread hears it was restored. */
async function restored(svc: Services, c: CaseRecord, scope: string, check: Extract<TokenCheck, { ok: true }>): Promise<PollResult> {
  const { rt } = svc;
  const moved = await advanceCase(
    svc,
    { reference: c.reference, from: "delegation_lost", to: "verified", actor: "maskinporten", details: { via: pollVia, scope, consumer: check.consumer, supplier: check.supplier } },
    { kind: "delegation_restored", scope, lostSince: c.stageChangedAt },
  );
  rt.logger.info(`delegation poll of ${c.reference}: token for ${scope} again, case ${moved.status === "moved" ? "verified again" : "moved on meanwhile"}`);
  return moved.status === "moved" ? "restored" : "stale";
}

/**
 * Maskinporten gave a token for `scope`: the customer has delegated. The case goes through
 * completed (the scope recorded) to verified, and the thread and the owner hear it was found
 * automatically. A scope reported by hand in the meantime wins the case; if it differs from the
 * one found, the thread says so.
 */
async function detected(svc: Services, c: CaseRecord, scope: string, check: Extract<TokenCheck, { ok: true }>): Promise<PollResult> {
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
export async function reportedAfterDetection(svc: Services, c: CaseRecord, reported: string): Promise<boolean> {
  if (!c.scope || c.scope === reported || (c.stage !== "completed" && c.stage !== "verified")) return false;
  if (!(await hasEventWith(svc.rt.db, c.id, "stage:completed", "via", pollVia))) return false;
  await svc.notifier.notify(c, { kind: "scope_differs", reported, detected: c.scope });
  return true;
}
