import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../support/app.js";
import type { TestDatabase } from "../support/db.js";
import type { FakeMaskinporten } from "../support/fakeMaskinporten.js";
import { FakeRrh } from "../support/fakeRrh.js";
import type { FakeSlack } from "../support/fakeSlack.js";
import { RecordingLogger } from "../support/recordingLogger.js";
import { click, freshCase, threadPosts, until, untilStage } from "./followupHelpers.js";
import { pollSteps, reportable, testClock, usePollingApps } from "./pollingHelpers.js";

/** Every file under `dir`, recursively. */
async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesIn(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))));
  return nested.flat();
}

// Brreg's RRH API answers too, in TT02: the token is tried there once, only its status counts.
describe("Brreg's API is asked with a TT02 case's token", () => {
  const clock = testClock();
  const logger = new RecordingLogger();
  const rrh = new FakeRrh();
  let slack: FakeSlack;
  let db: TestDatabase;
  let mp: FakeMaskinporten;
  let app: TestApp;
  beforeAll(async () => {
    await rrh.start();
  });
  usePollingApps((f) => ({ slack, db, mp, app } = f), clock, {
    // A PROD client at the same stand-in, so production cases are polled too.
    env: (stand, keyFile) => ({
      RRH_TEST_URL: rrh.url,
      DELEGATION_RECHECK_HOURS: "0.01",
      MASKINPORTEN_TEST_SCOPES: reportable,
      MASKINPORTEN_PROD_CLIENT_ID: "vendor-client",
      MASKINPORTEN_PROD_KID: "vendor-kid",
      MASKINPORTEN_PROD_PRIVATE_KEY_FILE: keyFile,
      MASKINPORTEN_PROD_URL: stand.url,
      MASKINPORTEN_PROD_SCOPES: reportable,
    }),
    logger,
  });
  afterAll(() => rrh.stop());

  const { waitingCase, nextPoll, delegatedCase, verifiedCase } = pollSteps(() => app, clock);
  const asked = (orgnr: string) => rrh.requests.filter((r) => r.path === `/api/oppslag/v1/virksomheter/${orgnr}`);

  for (const [status, customer] of [[200, "812345605"], [404, "812345613"]] as const) {
    it(`Brreg answering ${status}: the token is accepted and the case verified`, async () => {
      rrh.mode = status;
      await verifiedCase(mp, customer);
      const [request, ...more] = asked(customer);
      expect(more).toEqual([]);
      // the very token Maskinporten issued, as a bearer token
      expect(mp.issuedTokens.map((t) => `Bearer ${t}`)).toContain(request!.authorization);
    });
  }

  it("Brreg answering 403: not verified, explained in the thread; «Sjekk token igjen» verifies it once Brreg accepts", async () => {
    rrh.mode = 403;
    const customer = "812345621";
    const c = await delegatedCase(mp, customer);
    const stopped = await untilStage(app, c.reference, "completed");
    expect(stopped.scope).toBe(reportable);
    const notice = await until(() => threadPosts(app, stopped).find((x) => /Brregs API godtok det ikke/.test(String(x.args.text))), "the explanation");
    expect(String(notice.args.text)).toContain("opendata@brreg.no");
    expect(String(notice.args.text)).toContain("scopet er ikke aktivt for kunden hos Brreg");
    expect(String(notice.args.text)).toContain("HTTP 403");
    expect(JSON.stringify(notice.args.blocks)).toContain('"action_id":"verify_token"');

    rrh.mode = 200;
    await click(app, "verify_token", c.reference, "U0OWNER");
    await untilStage(app, c.reference, "verified");
    expect(asked(customer)).toHaveLength(2);
  });

  it("Brreg not answering: never a move; the poll asks again later", async () => {
    rrh.mode = "nothing";
    const customer = "812345648";
    const c = await waitingCase(customer);
    mp.delegate(customer, reportable);
    const p = await nextPoll(c.id);
    expect(p.lastProblem).toBe("rrh_unreachable");
    expect((await freshCase(app, c.reference)).stage).toBe("awaiting_delegation");
    rrh.mode = 404;
    await nextPoll(c.id);
    await untilStage(app, c.reference, "verified");
  });

  it("at a re-verification, Brreg refusing twice moves the case to delegation_lost", async () => {
    rrh.mode = 200;
    const customer = "812345656";
    const c = await verifiedCase(mp, customer);
    rrh.mode = 401;
    await nextPoll(c.id);
    expect((await freshCase(app, c.reference)).stage).toBe("verified");
    await nextPoll(c.id);
    const lost = await untilStage(app, c.reference, "delegation_lost");
    const thread = await until(() => threadPosts(app, lost).find((x) => /virker ikke lenger/.test(String(x.args.text))), "the lost notice");
    expect(String(thread.args.text)).toContain("Brregs API avviste det");
    expect(String(thread.args.text)).toContain("opendata@brreg.no");
    rrh.mode = 200;
  });

  it("a production case is verified by the token alone: Brreg's API is never asked", async () => {
    const customer = "812345664";
    const c = await verifiedCase(mp, customer, reportable, { environment: "production" });
    await nextPoll(c.id);
    expect((await freshCase(app, c.reference)).lastVerifiedAt).toEqual(clock.now());
    // (the TT02 cases verified before are asked again meanwhile, each on its slot)
    expect(asked(customer)).toEqual([]);
  });

  it("Brreg's answer appears nowhere: not in the log, the database or Slack", async () => {
    expect(rrh.requests.length).toBeGreaterThan(5);
    expect(logger.lines.join("\n")).not.toContain(FakeRrh.marker);
    expect(slack.allText()).not.toContain(FakeRrh.marker);
    const { db: prisma } = app.app.runtime;
    const rows = [await prisma.caseEvent.findMany(), await prisma.case.findMany(), await prisma.delegationPoll.findMany(), await prisma.clientProblem.findMany()];
    expect(JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(FakeRrh.marker);
    for (const file of await filesIn(db.dataDir)) expect((await readFile(file)).includes(FakeRrh.marker), file).toBe(false);
  });
});
