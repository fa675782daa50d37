import type { CaseRecord } from "../domain/caseRecord.js";
import { waitsForDelegation } from "../domain/stages.js";
import { clientFor } from "../maskinportenSettings.js";
import { pollAtOnce, startPoll } from "../store/delegationPolls.js";
import { logEvent } from "../store/events.js";
import { inTransaction } from "../store/tx.js";
import type { Services } from "./services.js";

// Polls brought forward while a case waits for the delegation: «Sjekk nå» (at most once a minute
// per case), and a customer's reply to a case e-mail, which often means "we have delegated now".
// The poll itself is made by the scheduler (woken at once), under the same claim as every poll.

/** «Sjekk nå» polls a case at most this often. */
export const checkNowGapMs = 60_000;

export type CheckNowResult = { status: "polling" } | { status: "too_soon"; again: Date } | { status: "not_configured" } | { status: "stale" };

/** «Sjekk nå» on a waiting case: its poll now, unless one was asked for by a click within the minute. */
export async function checkNow(svc: Services, c: CaseRecord, actor: string): Promise<CheckNowResult> {
  const { rt } = svc;
  if (!waitsForDelegation(c.stage)) return { status: "stale" };
  if (!clientFor(rt.config, c.environment)) return { status: "not_configured" };
  const now = rt.now();
  let result = await pollAtOnce(rt.db, c.id, now, checkNowGapMs);
  if (result.status === "none") {
    // The case began to wait before its environment had a client: its polling starts now.
    await inTransaction(rt.db, (tx) => startPoll(tx, c.id, now, now));
    result = await pollAtOnce(rt.db, c.id, now, checkNowGapMs);
  }
  if (result.status === "too_soon") return result;
  if (result.status !== "due") return { status: "stale" };
  await logEvent(rt.db, c.id, "check_now", actor, now, {});
  rt.signals.emit("polls");
  return { status: "polling" };
}

/** A reply from the customer to a case e-mail: the waiting case's next poll comes now. */
export async function pollAfterReply(svc: Services, c: CaseRecord): Promise<void> {
  const { rt } = svc;
  if (!waitsForDelegation(c.stage) || !clientFor(rt.config, c.environment)) return;
  if ((await pollAtOnce(rt.db, c.id, rt.now())).status !== "due") return;
  rt.logger.info(`${c.reference}: the customer replied, so its delegation is polled now`);
  rt.signals.emit("polls");
}
