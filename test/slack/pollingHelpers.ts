import { rmSync } from "node:fs";
import type { Logger } from "@slack/logger";
import { afterAll, beforeAll } from "vitest";
import { order } from "../domain/fixtures.js";
import { caseChannel, startTestApp, type TestApp } from "../support/app.js";
import { openTestCase } from "../support/cases.js";
import { freshDatabase, type Backend, type TestDatabase } from "../support/db.js";
import { FakeMaskinporten, makeClientKey } from "../support/fakeMaskinporten.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { pollingEnv, type TestClock } from "../support/polling.js";
import { click, moveTo, until, untilStage } from "./followupHelpers.js";

// What the tests of the app's own Maskinporten polls share: the settings, a clock moved by hand,
// and the steps that take a case to its next poll.

export const vendor = "920012345";
export const reportable = "brreg:reelle/rapporteringspliktig";
export const media = "brreg:reelle/media";
export { maxSeconds, minSeconds, pollingEnv, testClock, type TestClock } from "../support/polling.js";
export const grantsFor = (mp: FakeMaskinporten, consumer: string, scope?: string) =>
  mp.grants.filter((g) => g.claims.consumer_org === consumer && (scope === undefined || g.claims.scope === scope)).length;

/** Steps on the app `current()` returns, with `clock` as its clock. */
export function pollSteps(current: () => TestApp, clock: TestClock) {
  const poll = (caseId: number) => current().app.runtime.db.delegationPoll.findUniqueOrThrow({ where: { caseId } });

  const guidanceDm = (reference: string) =>
    until(
      () => current().slack.callsOf("chat.postMessage").find((p) => p.args.channel === "D0OWNER" && JSON.stringify(p.args.blocks ?? []).includes(`${reference} `)),
      "the guidance DM",
    );

  /** A TT02 case of `customer` waiting for the delegation, entered by "Brreg har bekreftet". */
  async function waitingCase(customer: string, overrides: Partial<typeof order> = {}) {
    const app = current();
    const opened = await openTestCase(app, { ...order, customer_orgnr: customer, ...overrides }, "U0OWNER");
    await moveTo(app, opened.reference, "awaiting_brreg");
    await click(app, "brreg_confirmed", opened.reference);
    const c = await untilStage(app, opened.reference, "awaiting_delegation");
    // The move's notices are out (the guidance DM comes last).
    await guidanceDm(c.reference);
    return c;
  }

  /** Moves the clock to the case's next poll and waits until it has been made. */
  async function nextPoll(caseId: number) {
    const before = await poll(caseId);
    clock.advance((before.dueAt.getTime() - clock.now().getTime()) / 1000 + 1);
    return until(async () => {
      const p = await poll(caseId);
      // settled (one more attempt, or done), or restarted by the move it made (another mode or start)
      return p.attempt > before.attempt || p.doneAt || p.mode !== before.mode || p.startedAt.getTime() !== before.startedAt.getTime() ? p : null;
    }, "the next poll");
  }

  /** A case of `customer` the app has found delegated by itself (`scope`), and moved on from awaiting_delegation. */
  async function delegatedCase(mp: FakeMaskinporten, customer: string, scope = reportable, overrides: Partial<typeof order> = {}) {
    const c = await waitingCase(customer, overrides);
    mp.delegate(customer, scope);
    await nextPoll(c.id);
    return c;
  }

  /** The same, verified. */
  async function verifiedCase(mp: FakeMaskinporten, customer: string, scope = reportable, overrides: Partial<typeof order> = {}) {
    const c = await delegatedCase(mp, customer, scope, overrides);
    return untilStage(current(), c.reference, "verified");
  }

  const channelPosts = () => current().slack.callsOf("chat.postMessage").filter((p) => p.args.channel === caseChannel && !p.args.thread_ts);

  return { poll, guidanceDm, waitingCase, nextPoll, delegatedCase, verifiedCase, channelPosts };
}

export interface PollingFixture {
  slack: FakeSlack;
  db: TestDatabase;
  mp: FakeMaskinporten;
  /** the first replica */
  app: TestApp;
  apps: TestApp[];
}

/**
 * The Slack and Maskinporten stand-ins (the vendor's client holding `reportable` and `media`), a
 * fresh database and `replicas` apps polling with `pollingEnv(…, env)` on `clock`, started before
 * the enclosing describe block's tests and stopped after them. `bind` hands them to the file.
 */
export function usePollingApps(
  bind: (fixture: PollingFixture) => void,
  clock: TestClock,
  options: {
    /** more settings; a function is called at start, with the stand-in and the client's key file */
    env?: Record<string, string> | ((mp: FakeMaskinporten, keyFile: string) => Record<string, string>);
    backend?: Backend;
    replicas?: number;
    logger?: Logger;
  } = {},
): void {
  const key = makeClientKey();
  const started: Partial<PollingFixture> = {};
  beforeAll(async () => {
    const slack = (started.slack = await new FakeSlack().start());
    const db = (started.db = await freshDatabase(options.backend));
    const mp = (started.mp = await new FakeMaskinporten({ clientId: "vendor-client", kid: "vendor-kid", publicKey: key.publicKey, supplierOrgnr: vendor }).start());
    mp.clientScopes.add(reportable).add(media);
    const apps: TestApp[] = (started.apps = []);
    const extra = typeof options.env === "function" ? options.env(mp, key.privateKeyFile) : options.env;
    const logger = options.logger ? { logger: options.logger } : {};
    for (let i = 0; i < (options.replicas ?? 1); i++) apps.push(await startTestApp(slack, db, pollingEnv(mp, key.privateKeyFile, extra), { now: clock.now, ...logger }));
    bind({ slack, db, mp, apps, app: apps[0]! });
  });
  afterAll(async () => {
    for (const app of started.apps ?? []) await app.stop();
    await started.mp?.stop();
    await started.slack?.stop();
    await started.db?.drop();
    rmSync(key.dir, { recursive: true, force: true });
  });
}
