import type { CaseRecord } from "../../src/domain/caseRecord.js";
import type { Order } from "../../src/domain/order.js";
import type { FakeSlack } from "../support/fakeSlack.js";
import type { TestApp } from "../support/app.js";
import { openTestCase } from "../support/cases.js";

// Values that must survive encoding: non-ASCII, &, quotes and angle brackets.
export const order: Order = {
  environment: "tt02",
  vendor_orgnr: "920012345",
  vendor_name: "Fjorddata <Systemer> AS",
  vendor_contact_name: "Kari Nordmann",
  vendor_contact_email: "kari@fjorddata.no",
  vendor_contact_phone: "+4791234567",
  customer_orgnr: "812345672",
  customer_name: 'Kunde & Sønn "Holding" AS',
  customer_contact_name: "Ola Ødegård",
  customer_contact_email: "ola@kunde.no",
  customer_contact_phone: "+4740000000",
  customer_access: "confirmed",
};

export const mailEnv = { MAIL_FROM: "delegering@fjorddata.no", MAIL_REPLY_TO: "team@fjorddata.no", OUTBOX_POLL_MS: "600000" };

export { reloadCase as caseNow } from "../support/cases.js";

/** A case created the way the order modal creates it: the outbox row is queued with it. */
export function newCase(app: TestApp, o: Order = order): Promise<CaseRecord> {
  return openTestCase(app, o, "U0ALICE");
}

/** The texts the app posted in the case's thread. */
export function threadTexts(slack: FakeSlack, threadTs: string | null): string[] {
  return slack
    .callsOf("chat.postMessage")
    .filter((c) => c.args.thread_ts === threadTs && c.response.ok === true)
    .map((c) => String(c.args.text));
}

/** Polls the database (or anything async) until the check returns a value. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function eventKinds(app: TestApp, caseId: number): Promise<string[]> {
  const events = await app.app.store.db.caseEvent.findMany({ where: { caseId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  return events.map((e) => e.kind);
}
