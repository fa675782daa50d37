import type { AnyOrder } from "../../src/domain/order.js";
import { findCase, openCase, type Case } from "../../src/service/cases.js";
import { teamId, type TestApp } from "./app.js";

let keys = 0;

/** A case made the way the order modal makes it: through the service, with a fresh submission key. */
export async function openTestCase(app: TestApp, order: AnyOrder, owner: string): Promise<Case> {
  const { case: c } = await openCase(app.app.services, {
    order,
    workspaceId: teamId,
    ownerUserId: owner,
    creationKey: `test-${process.pid}-${++keys}`,
  });
  return c;
}

/** The case as stored now (workers may have moved it since it was made). */
export async function reloadCase(app: TestApp, reference: string): Promise<Case> {
  const c = await findCase(app.app.services, reference);
  if (!c) throw new Error(`no case ${reference}`);
  return c;
}
