import type { CaseRecord } from "../domain/caseRecord.js";
import { startsProduction } from "../domain/stages.js";
import { findCaseByReference } from "../store/cases.js";
import { hasEventWith, linkEvents, logEvent } from "../store/events.js";
import { inTransaction } from "../store/tx.js";
import type { Services } from "./services.js";

// TT02 first, production next: a production case started from a working TT02 case names it,
// and the TT02 case names the production case, in their event logs and threads.

/** The TT02 case «Start produksjon» may start from, or null when it is not one (gone, not TT02, not working yet). */
export async function productionOrigin(svc: Services, reference: string): Promise<CaseRecord | null> {
  const c = await findCaseByReference(svc.rt.db, reference);
  return c && startsProduction(c.stage, c.environment, c.route) ? c : null;
}

/**
 * Links the production case to the TT02 case it was started from: "linked_production" on the
 * TT02 case, "linked_test" on the production case, each with the other's reference, and a notice
 * in both threads. Safe to call again for the same pair (a re-delivered Send): nothing doubles.
 */
export async function linkProduction(svc: Services, originReference: string, production: CaseRecord): Promise<void> {
  const { rt, notifier } = svc;
  const origin = await findCaseByReference(rt.db, originReference);
  if (!origin || origin.environment !== "tt02" || origin.route !== "existing" || production.environment !== "production" || origin.id === production.id) {
    rt.logger.warn(`${production.reference}: not linked to ${originReference} (not a TT02 case, or gone)`);
    return;
  }
  if (await hasEventWith(rt.db, origin.id, "linked_production", "reference", production.reference)) return;
  const now = rt.now();
  await inTransaction(rt.db, async (tx) => {
    await logEvent(tx, origin.id, "linked_production", production.ownerUserId, now, { reference: production.reference });
    await logEvent(tx, production.id, "linked_test", production.ownerUserId, now, { reference: origin.reference });
    await notifier.notify(origin, { kind: "linked", role: "production", other: production.reference }, tx);
    await notifier.notify(production, { kind: "linked", role: "test", other: origin.reference }, tx);
  });
}

/**
 * The production case already started from this TT02 case and still going (not cancelled), if
 * any: «Start produksjon» then points at it instead of starting a second one.
 */
export async function startedProduction(svc: Services, c: Pick<CaseRecord, "id">): Promise<CaseRecord | null> {
  for (const p of await pairedCases(svc, c)) {
    if (p.role !== "production") continue;
    const other = await findCaseByReference(svc.rt.db, p.reference);
    if (other && other.stage !== "cancelled") return other;
  }
  return null;
}

/** The cases this one is paired with: its production case(s) when TT02, its TT02 case when production. */
export async function pairedCases(svc: Services, c: Pick<CaseRecord, "id">): Promise<Array<{ role: "production" | "test"; reference: string }>> {
  const links = await linkEvents(svc.rt.db, c.id);
  return links.map((l) => ({ role: l.kind === "linked_production" ? ("production" as const) : ("test" as const), reference: l.reference }));
}
