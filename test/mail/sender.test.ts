import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { previewTransport } from "../../src/mail/transport.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { TestSmtp } from "../support/smtp.js";
import { caseNow, mailEnv, newCase } from "./harness.js";

// MAIL_FROM with a display name: the name reaches the From header, the stored row keeps the
// plain address (what header checks and Message-IDs use).
describe("MAIL_FROM with a display name", () => {
  let slack: FakeSlack;
  let smtp: TestSmtp;
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    smtp = await new TestSmtp().start();
    db = await freshDatabase();
    app = await startTestApp(slack, db, { ...mailEnv, SMTP_URL: smtp.url, MAIL_FROM: "Tindekode Delegering <delegering@tindekode.no>" });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
    await slack?.stop();
    await db?.drop();
  });

  it("sends the order email From: Tindekode Delegering <delegering@tindekode.no>", async () => {
    const c = await newCase(app);
    const stored = await caseNow(app, c.reference);
    const received = await smtp.waitFor(() => smtp.withId(stored.orderMessageId)[0]);
    const mail = await received.parse();
    expect(mail.from?.value).toEqual([{ name: "Tindekode Delegering", address: "delegering@tindekode.no" }]);
    expect(received.raw.toString("latin1")).toMatch(/^From: Tindekode Delegering <delegering@tindekode\.no>\r$/m);
    expect(received.envelopeFrom).toBe("delegering@tindekode.no");
    expect(stored.orderMessageId).toMatch(/@tindekode\.no>$/);
    const row = await app.app.store.db.outboxMessage.findFirstOrThrow({ where: { caseId: c.id } });
    expect(row.fromAddress).toBe("delegering@tindekode.no");
  });
});

describe("the display name when a message is written", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "delegering-sender-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const mail = (from: string) => ({
    messageId: "<dlg-1.x@tindekode.no>",
    from,
    to: ["opendata@brreg.no"],
    cc: [],
    replyTo: null,
    inReplyTo: null,
    subject: "[DLG-1] Test",
    text: "hei",
    html: "<p>hei</p>",
    date: new Date("2026-11-24T09:00:00Z"),
  });
  const fromHeader = async (name: string) => /^From: (.*)$/m.exec(await readFile(join(dir, `${name}.eml`), "utf8"))?.[1];

  it("quotes a name with a comma and encodes one with letters outside ASCII", async () => {
    await previewTransport(dir, { name: "Tindekode, Delegering", address: "delegering@tindekode.no" }).send(mail("delegering@tindekode.no"), "comma");
    expect(await fromHeader("comma")).toBe('"Tindekode, Delegering" <delegering@tindekode.no>');
    await previewTransport(dir, { name: "Tindekode Ødegård", address: "delegering@tindekode.no" }).send(mail("delegering@tindekode.no"), "utf8");
    expect(await fromHeader("utf8")).toMatch(/^=\?UTF-8\?[QB]\?.+\?= <delegering@tindekode\.no>$/);
  });

  it("gives no name to a row queued from another address (an earlier MAIL_FROM)", async () => {
    await previewTransport(dir, { name: "Tindekode Delegering", address: "delegering@tindekode.no" }).send(mail("gammel@tindekode.no"), "older");
    expect(await fromHeader("older")).toBe("gammel@tindekode.no");
  });
});
