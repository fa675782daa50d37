import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Case } from "../../src/generated/prisma/client.js";
import { remindersDue } from "../../src/service/reminders.js";
import { fictitiousOrder } from "../domain/fixtures.js";
import type { TestApp } from "../support/app.js";
import { useTestApp } from "../support/appFixture.js";
import { openTestCase } from "../support/cases.js";
import { backends } from "../support/db.js";
import { hasDovecot, TestDovecot } from "../support/dovecot.js";
import { FakeMaskinporten, makeClientKey } from "../support/fakeMaskinporten.js";
import type { FakeSlack } from "../support/fakeSlack.js";
import { pollingEnv, testClock } from "../support/polling.js";
import { RecordingLogger } from "../support/recordingLogger.js";
import { click, freshCase, moveTo, submit, until, untilStage } from "../slack/followupHelpers.js";
import { brregReplyTo, databaseDump, identityNumber } from "./inboxMail.js";

const owner = "U0OWNER";
const ownerDm = "D0OWNER";
const vendor = fictitiousOrder.vendor_orgnr;
const synthetic = "310964719";
const scope = "brreg:reelle/rapporteringspliktig";

const modalValues = (orgnr: string | null, chosen: string | null) => ({
  fictitious_orgnr: { fictitious_orgnr: { type: "plain_text_input", value: orgnr } },
  scope: { scope: { type: "radio_buttons", selected_option: chosen ? { value: chosen } : null } },
});

describe.skipIf(!hasDovecot()).each(backends())("a fictitious customer from Brreg's reply to the verified token on %s", (backend) => {
  const key = makeClientKey();
  const clock = testClock();
  const logs = new RecordingLogger();
  let dovecot: TestDovecot;
  let mp: FakeMaskinporten;
  let slack: FakeSlack;
  let app: TestApp;

  beforeAll(async () => {
    dovecot = await TestDovecot.start();
    mp = await new FakeMaskinporten({ clientId: "vendor-client", kid: "vendor-kid", publicKey: key.publicKey, supplierOrgnr: vendor }).start();
    mp.clientScopes.add(scope);
  });
  afterAll(async () => {
    await mp?.stop();
    await dovecot?.dispose();
    rmSync(key.dir, { recursive: true, force: true });
  });
  useTestApp(
    (f) => ({ slack, app } = f),
    () => ({
      ...pollingEnv(mp, key.privateKeyFile, { MASKINPORTEN_TEST_SCOPES: scope }),
      IMAP_URL: dovecot.url,
      IMAP_POLL_SECONDS: "60",
      MAIL_FROM: "delegering@fjorddata.no",
      OUTBOX_POLL_MS: "600000",
    }),
    { backend, logger: logs, now: clock.now },
  );

  const threadOf = (c: Pick<Case, "threadTs">) => slack.callsOf("chat.postMessage").filter((x) => x.args.thread_ts === c.threadTs);

  it("proposes the synthetic company from the reply, moves only on a person's confirmation, and the poll verifies the case; the identity number is nowhere", async () => {
    const opened = await openTestCase(app, fictitiousOrder, owner);
    const c = await moveTo(app, opened.reference, "awaiting_brreg");
    await dovecot.append(await brregReplyTo(app, c, "", "brreg-reply-fictitious.eml"));

    // The thread proposes the synthetic number (never the vendor's) with the button; the case waits.
    const proposal = await slack.waitFor(() => threadOf(c).find((x) => JSON.stringify(x.args.blocks ?? []).includes('"action_id":"confirm_fictitious"')));
    expect(String(proposal.args.text)).toContain("310 964 719");
    expect(String(proposal.args.text)).toContain("`brreg:reelle/rapporteringspliktig`");
    expect(String(proposal.args.text)).toContain(`<@${owner}>`);
    expect(JSON.stringify(proposal.args)).not.toMatch(/920 ?012 ?345/);
    expect((await freshCase(app, c.reference)).stage).toBe("awaiting_brreg");
    const [mail] = await app.app.runtime.db.inboundMail.findMany({ where: { caseId: c.id } });
    expect(mail).toMatchObject({ classification: "confirmation", fromAddress: "opendata@brreg.no" });

    // Its reminder now chases the confirmation, and offers no follow-up to a Brreg that has answered.
    await app.app.runtime.db.reminder.updateMany({ where: { caseId: c.id, kind: "awaiting_brreg", doneAt: null }, data: { dueAt: new Date(clock.now().getTime() - 60_000) } });
    await remindersDue(app.app.services);
    const reminder = await slack.waitFor(() => threadOf(c).find((x) => String(x.args.text).includes("Påminnelse")));
    expect(String(reminder.args.text)).toContain("Brreg har svart med den fiktive virksomheten, men ingen har bekreftet den ennå.");
    expect(JSON.stringify(reminder.args.blocks)).not.toContain("send_followup");
    expect(JSON.stringify(reminder.args.blocks)).toContain('"action_id":"brreg_confirmed"');

    // «Bekreft fiktiv virksomhet» opens the modal with what the reply named, both editable.
    const before = slack.callsOf("views.open").length;
    await click(app, "confirm_fictitious", c.reference, owner);
    const opening = await slack.waitFor(() => slack.callsOf("views.open")[before]);
    expect(opening.response.ok).toBe(true);
    const modal = JSON.stringify(opening.args.view);
    expect(modal).toContain('"callback_id":"confirm_fictitious"');
    expect(modal).toContain(`"initial_value":"${synthetic}"`);
    expect(modal).toContain(`"initial_option":{"text":{"type":"plain_text","text":"Rapporteringspliktig virksomhet"},"description":{"type":"plain_text","text":"${scope}"},"value":"${scope}"}`);

    // Validated: the vendor's own number, a malformed one and no scope are refused, and nothing moves.
    expect(await submit(app, "confirm_fictitious", c.reference, modalValues("920 012 345", scope), owner)).toEqual({
      response_action: "errors",
      errors: { fictitious_orgnr: "Dette er deres eget organisasjonsnummer. Skriv organisasjonsnummeret til den fiktive virksomheten Brreg har opprettet." },
    });
    expect(await submit(app, "confirm_fictitious", c.reference, modalValues("07896498713", null), owner)).toMatchObject({
      response_action: "errors",
      errors: { fictitious_orgnr: "Organisasjonsnummeret må ha 9 siffer.", scope: "Velg et av scopene brreg:reelle/…." },
    });
    expect((await freshCase(app, c.reference)).stage).toBe("awaiting_brreg");

    expect(await submit(app, "confirm_fictitious", c.reference, modalValues("310 964 719", scope), owner)).toEqual({});
    const waiting = await untilStage(app, c.reference, "awaiting_delegation");
    expect(waiting).toMatchObject({ fictitiousOrgnr: synthetic, fictitiousScope: scope, customerOrgnr: "" });

    // The owner's DM: what the vendor does itself in Altinn TT02, and nothing to send to a customer.
    const dm = await slack.waitFor(() => slack.callsOf("chat.postMessage").find((x) => x.args.channel === ownerDm && String(x.args.text).includes(`Den fiktive virksomheten 310 964 719 i ${c.reference}`)));
    // Typed names are escaped for mrkdwn: zero-width spaces fence _ * ~ `.
    const steps = JSON.stringify(dm.args.blocks).replace(/\u200B/g, "");
    for (const part of ["https://tt02.altinn.no", "TestID", fictitiousOrder.vendor_contact_email, "lim det aldri inn i Slack", "org.nr. 310 964 719", "«Tilgangsstyring» → «Maskinportenadministrasjon»", "«Leverandører» → «Legg til leverandør»", `: ${vendor} (`, "«Gi fullmakt» → «Søk etter API»", "«Rapporteringspliktig virksomhet»", "consumer_org 310964719"]) {
      expect(steps).toContain(part);
    }
    expect(steps).not.toContain("send_to_customer");
    await slack.waitFor(() => threadOf(c).find((x) => String(x.args.text).includes("bekreftet den fiktive virksomheten 310 964 719")));

    // The vendor delegates from the fictitious company; the app's poll sees it with consumer_org = that company.
    mp.delegate(synthetic, scope);
    const poll = await app.app.runtime.db.delegationPoll.findUniqueOrThrow({ where: { caseId: c.id } });
    clock.advance((poll.dueAt.getTime() - clock.now().getTime()) / 1000 + 1);
    const verified = await untilStage(app, c.reference, "verified");
    expect(verified.scope).toBe(scope);
    expect(mp.grants.length).toBeGreaterThan(0);
    expect(new Set(mp.grants.map((g) => g.claims.consumer_org))).toEqual(new Set([synthetic]));
    await until(() => slack.callsOf("chat.postMessage").find((x) => x.args.channel === ownerDm && String(x.args.text).includes(c.reference) && /automatisk|automatically/.test(String(x.args.text))), "the DM that the delegation was found");

    // The fictitious person's identity number: not in any table, log line or anything sent to Slack.
    const dump = await databaseDump(app);
    expect(dump).toContain(synthetic);
    for (const text of [dump, logs.lines.join("\n"), slack.allText()]) expect(text).not.toContain(identityNumber);
  });
});
