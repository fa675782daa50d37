import { generateKeyPairSync } from "node:crypto";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { useTestApp } from "../support/appFixture.js";
import { FakeMaskinporten, makeClientKey } from "../support/fakeMaskinporten.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { openCase } from "../../src/service/cases.js";
import { order } from "../domain/fixtures.js";
import { teamId } from "../support/app.js";
import { answerTo, click, freshCase, moveTo, newCase, submit, threadPosts, until, untilStage } from "./followupHelpers.js";

const customer = "812345672";
const vendor = "920012345";
const reportable = "brreg:reelle/rapporteringspliktig";
const media = "brreg:reelle/media";

describe("step 6: the delegated-token check after the scope report", () => {
  const key = makeClientKey();
  let slack: FakeSlack;
  let db: TestDatabase;
  let mp: FakeMaskinporten;
  let app: TestApp;

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    db = await freshDatabase();
    mp = await new FakeMaskinporten({ clientId: "vendor-client", kid: "vendor-kid", publicKey: key.publicKey, supplierOrgnr: vendor }).start();
    mp.clientScopes.add(reportable).add(media);
    mp.delegate(customer, reportable);
    // Brreg granted the media scope too, but the customer has not delegated it (MP-251).
    mp.grant(customer, media);
    // A TEST client only: production cases are not checked.
    app = await startTestApp(slack, db, {
      MASKINPORTEN_TEST_CLIENT_ID: "vendor-client",
      MASKINPORTEN_TEST_KID: "vendor-kid",
      MASKINPORTEN_TEST_PRIVATE_KEY_FILE: key.privateKeyFile,
      MASKINPORTEN_TEST_URL: mp.url,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await mp?.stop();
    await slack?.stop();
    await db?.drop();
    rmSync(key.dir, { recursive: true, force: true });
  });

  const report = (reference: string, scope: string) => submit(app, "scope_report", reference, { scope: { scope: { type: "radio_buttons", selected_option: { value: scope } } } });
  const postText = (p: { args: Record<string, unknown> }) => `${String(p.args.text)} ${JSON.stringify(p.args.blocks ?? [])}`;

  it("reporting a delegated scope: Maskinporten gives a token, the case is verified and the thread says so", async () => {
    const c = await newCase(app, "confirmed");
    await moveTo(app, c.reference, "awaiting_delegation");
    expect(await report(c.reference, reportable)).toEqual({});
    const done = await untilStage(app, c.reference, "verified");
    expect(done.scope).toBe(reportable);

    const grant = mp.grants.at(-1)!;
    expect(grant.claims).toMatchObject({ iss: "vendor-client", aud: mp.url, scope: reportable, consumer_org: customer });
    const event = await app.app.runtime.db.caseEvent.findFirstOrThrow({ where: { caseId: c.id, kind: "stage:verified" } });
    expect(event.actor).toBe("maskinporten");

    const posts = await until(() => {
      const all = threadPosts(app, done);
      return all.some((p) => /Delegeringen virker/.test(String(p.args.text))) ? all : null;
    }, "the verified notice");
    const verified = posts.find((p) => /Delegeringen virker/.test(String(p.args.text)))!;
    expect(String(verified.args.text)).toContain("812 345 672");
    expect(String(verified.args.text)).toMatch(/leverandøren 920 012 345/);
    // the token itself is never shown
    for (const token of mp.issuedTokens) expect(slack.allText()).not.toContain(token);
    const root = slack.callsOf("chat.update").filter((u) => u.args.ts === done.threadTs).at(-1)!;
    expect(JSON.stringify(root.args.blocks)).toContain("Verifisert");

    // A retry on a verified case changes nothing.
    const stale = await click(app, "verify_token", c.reference);
    expect(await answerTo(app, stale.responseId)).toMatch(/har allerede gått videre/);
  });

  it("a scope not delegated: MP-251 explained with what to do, the case stays completed; the retry after the delegation verifies it", async () => {
    const c = await newCase(app, "confirmed");
    await moveTo(app, c.reference, "awaiting_delegation");
    await report(c.reference, media);
    const failed = await until(async () => {
      const fresh = await freshCase(app, c.reference);
      return threadPosts(app, fresh).find((p) => /MP-251/.test(String(p.args.text)));
    }, "the MP-251 notice");
    const text = String(failed.args.text);
    expect(text).toMatch(/ga ikke token/);
    expect(text).toMatch(/har ikke delegert dette scopet/);
    expect(text).toContain("servicedesk@altinn.no");
    expect(text).toMatch(/en delegering i Altinn produksjon virker ikke i TT02\/Maskinporten TEST/);
    expect(JSON.stringify(failed.args.blocks)).toContain('"action_id":"verify_token"');
    expect((await freshCase(app, c.reference)).stage).toBe("completed");
    const logged = await app.app.runtime.db.caseEvent.findFirstOrThrow({ where: { caseId: c.id, kind: "token_failed" } });
    expect(logged.details).toMatchObject({ problem: "not_delegated", scope: media });

    // Still not delegated: the retry says so again and the case stays where it is.
    const before = threadPosts(app, await freshCase(app, c.reference)).filter((p) => /MP-251/.test(String(p.args.text))).length;
    const again = await click(app, "verify_token", c.reference);
    expect(await answerTo(app, again.responseId)).toMatch(/Spør Maskinporten/);
    await until(async () => threadPosts(app, await freshCase(app, c.reference)).filter((p) => /MP-251/.test(String(p.args.text))).length > before, "a second MP-251");
    expect((await freshCase(app, c.reference)).stage).toBe("completed");

    mp.delegate(customer, media);
    await click(app, "verify_token", c.reference);
    const verified = await untilStage(app, c.reference, "verified");
    await until(() => threadPosts(app, verified).find((p) => /Delegeringen virker/.test(postText(p))), "the verified notice");
  });

  it("a production case with only a TEST client: no grant is sent, nothing about tokens in the thread, the button names the PROD settings", async () => {
    const { case: opened } = await openCase(app.app.services, {
      order: { ...order, environment: "production" },
      workspaceId: teamId,
      ownerUserId: "U0OWNER",
      creationKey: `mp-prod-${Math.random()}`,
    });
    await moveTo(app, opened.reference, "awaiting_delegation");
    const requests = mp.tokenRequests;
    await report(opened.reference, reportable);
    const c = await untilStage(app, opened.reference, "completed");
    const answer = await click(app, "verify_token", c.reference);
    expect(await answerTo(app, answer.responseId)).toMatch(/ikke satt opp for produksjon: appen trenger MASKINPORTEN_PROD_CLIENT_ID/);
    expect(mp.tokenRequests).toBe(requests);
    expect((await freshCase(app, c.reference)).stage).toBe("completed");
    expect(threadPosts(app, c).map((p) => String(p.args.text)).join("\n")).not.toMatch(/Maskinporten ga/);
  });

  it("a refusal names the TEST settings to check (MP-124: a key the client does not know)", async () => {
    const c = await newCase(app, "confirmed");
    await moveTo(app, c.reference, "awaiting_delegation");
    const registered = mp.client.publicKey;
    mp.client.publicKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey;
    try {
      await report(c.reference, reportable);
      const failed = await until(async () => threadPosts(app, await freshCase(app, c.reference)).find((p) => /MP-124/.test(String(p.args.text))), "the MP-124 notice");
      expect(String(failed.args.text)).toMatch(/MASKINPORTEN_TEST_PRIVATE_KEY_FILE er nøkkelen som MASKINPORTEN_TEST_KID/);
    } finally {
      mp.client.publicKey = registered;
    }
  });
});

describe("step 6 without Maskinporten settings", () => {
  let app: TestApp;

  useTestApp((f) => ({ app } = f));

  it("stays completed, says nothing about tokens, and the button explains the check is off", async () => {
    const c = await newCase(app, "confirmed");
    await moveTo(app, c.reference, "awaiting_delegation");
    await submit(app, "scope_report", c.reference, { scope: { scope: { type: "radio_buttons", selected_option: { value: reportable } } } });
    const done = await untilStage(app, c.reference, "completed");
    const answer = await click(app, "verify_token", c.reference);
    expect(await answerTo(app, answer.responseId)).toMatch(/ikke satt opp/);
    expect((await freshCase(app, c.reference)).stage).toBe("completed");
    expect(threadPosts(app, done).map((p) => String(p.args.text)).join("\n")).not.toMatch(/Maskinporten ga/);
  });
});
