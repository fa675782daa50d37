import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseMail } from "../../src/mail/parseMail.js";
import { handleInbound } from "../../src/service/inbound.js";
import { linkMailToCase } from "../../src/service/linkMail.js";
import { claimInbound } from "../../src/store/inbound.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { backends, freshDatabase, type TestDatabase } from "../support/db.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { freshCase, moveTo, newCase } from "../slack/followupHelpers.js";
import { brregReplyTo } from "./inboxMail.js";

describe.each(backends())("a confirmation claimed but not carried out on %s", (backend) => {
  let slack: FakeSlack;
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    db = await freshDatabase(backend);
    app = await startTestApp(slack, db, { MAIL_FROM: "delegering@fjorddata.no", OUTBOX_POLL_MS: "600000" });
  });
  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
    await db?.drop();
  });

  it("is finished when the message is read again, once", async () => {
    const c = await moveTo(app, (await newCase(app, "confirmed")).reference, "awaiting_brreg");
    const source = Buffer.from(await brregReplyTo(app, c));
    const mail = { mailbox: "team@imap/INBOX", uidValidity: 7n, uid: 41n, receivedAt: new Date() };
    const facts = await parseMail(source);
    // The claim committed, then the move failed and the claim could not be given back.
    await claimInbound(app.app.runtime.db, {
      mailbox: mail.mailbox,
      uidValidity: mail.uidValidity,
      uid: mail.uid,
      messageId: `<brreg-sak-88231-${c.id}@brreg.no>`,
      fromAddress: "opendata@brreg.no",
      subject: "SV",
      classification: "confirmation",
      caseId: c.id,
      receivedAt: mail.receivedAt,
    });

    expect(await handleInbound(app.app.services, mail, facts)).toEqual({ classification: "confirmation", reference: c.reference });
    expect((await freshCase(app, c.reference)).stage).toBe("awaiting_delegation");
    expect(await handleInbound(app.app.services, mail, facts)).toEqual({ classification: "duplicate", reference: null });
    const moves = await app.app.runtime.db.caseEvent.count({ where: { caseId: c.id, kind: "stage:awaiting_delegation" } });
    expect(moves).toBe(1);
    expect(await app.app.runtime.db.inboundMail.findMany({ where: { caseId: c.id } })).toMatchObject([{ classification: "confirmation" }]);
  });

  it("links one unmatched mail to one case when two people link it to two cases at once", async () => {
    const [a, b] = await Promise.all([newCase(app, "confirmed"), newCase(app, "confirmed")]);
    await moveTo(app, a.reference, "awaiting_brreg");
    await moveTo(app, b.reference, "awaiting_brreg");
    const id = await claimInbound(app.app.runtime.db, {
      mailbox: "team@imap/INBOX",
      uidValidity: 7n,
      uid: 99n,
      messageId: "<stray-1@brreg.no>",
      fromAddress: "saksbehandler@brreg.no",
      subject: "Spørsmål",
      classification: "unmatched",
      caseId: null,
      receivedAt: new Date(),
    });
    const results = await Promise.all([
      linkMailToCase(app.app.services, { inboundId: id!, reference: a.reference, actor: "U0BOB" }),
      linkMailToCase(app.app.services, { inboundId: id!, reference: b.reference, actor: "U0CAROL" }),
    ]);
    const linked = results.filter((r) => r.status === "linked");
    expect(linked).toHaveLength(1);
    const winner = linked[0]!.status === "linked" ? linked[0]!.case.reference : "";
    expect(results.find((r) => r.status !== "linked")).toEqual({ status: "already_linked", reference: winner });
    const stages = await Promise.all([freshCase(app, a.reference), freshCase(app, b.reference)]).then((cs) => cs.map((c) => c.stage).sort());
    expect(stages).toEqual(["awaiting_brreg", "awaiting_delegation"]);
    expect(await app.app.runtime.db.caseEvent.count({ where: { kind: "mail_linked" } })).toBe(1);
  });
});
