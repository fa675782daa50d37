import type { CaseRecord } from "../../src/domain/caseRecord.js";
import type { AnyOrder } from "../../src/domain/order.js";
import { findCase, openCase } from "../../src/service/cases.js";
import { teamId, type TestApp } from "./app.js";

let keys = 0;

/**
 * A case made the way the order modal makes it: through the service, with a fresh submission key.
 * Like the modal's done view it waits (a while) for the notice worker to post the case's root
 * message, and returns the case with its thread when it has one.
 */
export async function openTestCase(app: TestApp, order: AnyOrder, owner: string, options: { waitForThread?: boolean } = {}): Promise<CaseRecord> {
  const { case: c } = await openCase(app.app.services, {
    order,
    workspaceId: teamId,
    ownerUserId: owner,
    creationKey: `test-${process.pid}-${++keys}`,
  });
  if (options.waitForThread === false) return c;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const now = await reloadCase(app, c.reference);
    if (now.threadTs || Date.now() > deadline) return now;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The case as stored now (workers may have moved it since it was made). */
export async function reloadCase(app: TestApp, reference: string): Promise<CaseRecord> {
  const c = await findCase(app.app.services, reference);
  if (!c) throw new Error(`no case ${reference}`);
  return c;
}

/** Resolves once no notice is owed to Slack any more (the notice worker has posted, or settled, every row). */
export async function noticesSettled(app: TestApp, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const owed = await app.app.runtime.db.slackNotice.count({ where: { status: "pending" } });
    if (owed === 0) return;
    if (Date.now() > deadline) throw new Error(`${owed} notice(s) still owed to Slack after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
