import type { CaseNotice, Notifier } from "../domain/notices.js";
import type { Runtime } from "../runtime.js";
import { createCase, moveCase, type CaseSettings, type Move, type MoveResult, type NewCase } from "../store/cases.js";

/** What Slack listeners, the mail watcher and the scheduler share to change a case. */
export interface Services {
  readonly rt: Runtime;
  readonly notifier: Notifier;
}

export function caseSettings(rt: Runtime): CaseSettings {
  const { mail, reminders } = rt.config;
  return {
    mail: { from: mail.from, replyTo: mail.replyTo, ccVendorContact: mail.ccVendorContact, brregOrderEmail: mail.brregOrderEmail },
    reminders: { workingDays: reminders.workingDays, hour: reminders.hour },
  };
}

/** Creates the case (once per submission), posts its root message and what its stage needs. */
export async function openCase(svc: Services, input: NewCase) {
  const { rt, notifier } = svc;
  const result = await createCase(rt.db, input, caseSettings(rt), rt.now());
  if (!result.created) return result;
  await notifier.notify(result.case, { kind: "created", actor: input.ownerUserId });
  if (result.case.stage === "customer_access_pending") {
    await notifier.notify(result.case, { kind: "customer_access_instructions" });
  }
  wake(rt, result.case.stage);
  return result;
}

/**
 * Moves a case and tells the thread. `notice` replaces the plain "moved" notice where the move
 * has more to say (Brreg's confirmation, the scope report).
 */
export async function advanceCase(svc: Services, move: Move, notice?: CaseNotice): Promise<MoveResult> {
  const { rt, notifier } = svc;
  const result = await moveCase(rt.db, move, caseSettings(rt), rt.now());
  if (result.status !== "moved") return result;
  await notifier.refresh(result.case);
  await notifier.notify(result.case, notice ?? { kind: "moved", from: result.from, to: move.to, actor: move.actor, reason: move.set?.closedReason });
  wake(rt, move.to);
  return result;
}

function wake(rt: Runtime, stage: string): void {
  if (stage === "order_pending") rt.signals.emit("outbox");
  rt.signals.emit("reminders");
}
