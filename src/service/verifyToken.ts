import { consumerOrgnrOf } from "../domain/caseRecord.js";
import { checkDelegatedToken } from "../integrations/maskinporten.js";
import { clientFor } from "../maskinportenSettings.js";
import { findCaseByReference } from "../store/cases.js";
import { logEvent } from "../store/events.js";
import { inTransaction } from "../store/tx.js";
import { rrhCheckFor } from "./brregApi.js";
import { advanceCase } from "./cases.js";
import { blameEndedCredential } from "./credentialExpiry.js";
import type { Services } from "./services.js";
import type { Worker } from "./worker.js";

export type TokenCheckOutcome = "verified" | "failed" | "off" | "not_completed" | "not_found";

/**
 * Step 6's last part: asks Maskinporten for a delegated token for the completed case's scope and
 * customer. Success moves completed → verified; a refusal is explained in the thread and the case
 * stays completed (the notice carries the retry button). The client is the one of the case's
 * environment (TT02 → TEST, production → PROD); without one it does nothing: the completion
 * message already says what the vendor's client needs.
 */
export async function verifyCaseToken(svc: Services, reference: string): Promise<TokenCheckOutcome> {
  const { rt, notifier } = svc;
  if (!anyClient(svc)) return "off";
  const c = await findCaseByReference(rt.db, reference);
  if (!c) return "not_found";
  const client = clientFor(rt.config, c.environment);
  if (!client) return "off";
  const consumer = consumerOrgnrOf(c);
  if (c.stage !== "completed" || !c.scope || !consumer) return "not_completed";
  const scope = c.scope;

  // The grant's iat/exp are read by Maskinporten against its own clock: wall-clock time, not rt.now().
  // A TT02 case's token is tried at Brreg's API too (about the same organisation as consumer_org); only then is it verified.
  const asked = await checkDelegatedToken(client, { scope, consumerOrgnr: consumer }, { now: new Date(), rrh: rrhCheckFor(rt.config, c.environment) });
  // After the client's key or certificate ended, that is the cause, whichever customer it is.
  const check = await blameEndedCredential(rt, client, asked);

  if (check.ok) {
    const moved = await advanceCase(
      svc,
      { reference, from: "completed", to: "verified", actor: "maskinporten", details: { scope, consumer: check.consumer, supplier: check.supplier } },
      { kind: "token_verified", scope, consumer: check.consumer, supplier: check.supplier },
    );
    // Someone else's check got there first: that one told the thread.
    rt.logger.info(`token check for ${reference}: ${moved.status === "moved" ? "verified" : `token fine, case already ${moved.status}`}`);
    return moved.status === "moved" ? "verified" : "not_completed";
  }

  rt.logger.warn(`token check for ${reference} failed: ${check.problem} (${check.detail})`);
  // Another check (a second click) may have verified the case meanwhile: then this failure is old news.
  const current = await findCaseByReference(rt.db, reference);
  if (current?.stage !== "completed") return "not_completed";
  await inTransaction(rt.db, async (tx) => {
    await logEvent(tx, c.id, "token_failed", "maskinporten", rt.now(), { scope, problem: check.problem, detail: check.detail.slice(0, 300) });
    await notifier.notify(c, { kind: "token_failed", scope, problem: check.problem, detail: check.detail }, tx);
  });
  return "failed";
}

function anyClient(svc: Services): boolean {
  return Boolean(svc.rt.config.maskinporten.test ?? svc.rt.config.maskinporten.prod);
}

// Checks started from a listener after its ack; the worker below lets shutdown wait for them so a
// check is never cut off with the database closed under it.
const running = new WeakMap<Services, Set<Promise<unknown>>>();

/** Starts the check without waiting for it (the caller has acked Slack already); never throws. */
export function startTokenCheck(svc: Services, reference: string): void {
  if (!anyClient(svc)) return;
  let set = running.get(svc);
  if (!set) running.set(svc, (set = new Set()));
  const task = verifyCaseToken(svc, reference).catch((error: unknown) => {
    svc.rt.logger.error(`token check for ${reference} failed: ${String(error)}`);
  });
  set.add(task);
  void task.finally(() => set.delete(task));
}

/** Not a loop: lets shutdown finish the token checks in flight (each is capped at 10 s). */
export function createTokenChecks(svc: Services): Worker {
  return {
    name: "token-checks",
    start() {},
    async stop() {
      await Promise.allSettled([...(running.get(svc) ?? [])]);
    },
  };
}
