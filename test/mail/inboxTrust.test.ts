import { describe, expect, it } from "vitest";
import type { CaseRecord } from "../../src/domain/caseRecord.js";
import { caseChannel } from "../support/app.js";
import { backends } from "../support/db.js";
import { hasDovecot } from "../support/dovecot.js";
import { click, freshCase, moveTo, newCase, until, untilStage } from "../slack/followupHelpers.js";
import { eventually } from "./harness.js";
import { brregReplyAsSent, brregReplyTo, orderEmailOf, ourAuthservId, plainMail, withHeadersOnTop } from "./inboxMail.js";
import { mailboxApp } from "./mailboxApp.js";

// Hostile mail: a "Brreg" reply our mail server did not pass, phishing links in a mail's subject,
// and one sender filling the mailbox.

/** What Slack would make a link of in a message: a URL, a bare domain, an e-mail address, or its own <…> markup. */
const linkable = /\b(?:https?|ftp):\/\/|[\p{L}\p{N}-]+\.[\p{L}]{2,}|<[^>]*>/iu;

describe.skipIf(!hasDovecot()).each(backends())("mail that must not be trusted, against Dovecot on %s", (backend) => {
  const parts = mailboxApp(backend, { MAIL_AUTHSERV_ID: ourAuthservId });
  const awaitingBrreg = async (): Promise<CaseRecord> => moveTo(parts.app, (await newCase(parts.app, "confirmed")).reference, "awaiting_brreg");
  const threadCalls = (c: CaseRecord) => parts.slack.callsOf("chat.postMessage").filter((x) => x.args.thread_ts === c.threadTs);
  const threadOf = (c: CaseRecord) => threadCalls(c).map((x) => String(x.args.text));
  const rowsOf = (caseId: number) => parts.app.app.runtime.db.inboundMail.findMany({ where: { caseId }, orderBy: { id: "asc" } });

  // Each test mails from its own senders: the per-sender limit counts across the whole database.
  it("moves no case on a Brreg-looking reply without our server's dmarc=pass for brreg.no, and shows each in the thread with «Brreg har bekreftet»", async () => {
    const c = await awaitingBrreg();
    const asSent = (suffix: string) => brregReplyAsSent(parts.app, c, suffix);
    const unproven = [
      // Our server found no DMARC policy to pass.
      withHeadersOnTop((await asSent("-none")).replaceAll("opendata@brreg.no", "svar@brreg.no"), `Authentication-Results: ${ourAuthservId}; spf=pass smtp.mailfrom=brreg.no; dmarc=none header.from=brreg.no`),
      // No verdict at all.
      (await asSent("-bare")).replaceAll("opendata@brreg.no", "post@brreg.no"),
      // A subdomain, even one that passes DMARC for itself.
      withHeadersOnTop(
        (await asSent("-sub")).replaceAll("opendata@brreg.no", "opendata@x.brreg.no"),
        `Authentication-Results: ${ourAuthservId}; dmarc=pass header.from=x.brreg.no`,
      ),
      // A pass, but written by someone else's server (or the sender itself), not ours.
      withHeadersOnTop((await asSent("-foreign")).replaceAll("opendata@brreg.no", "kontakt@brreg.no"), "Authentication-Results: mx.evil.example; dmarc=pass header.from=brreg.no"),
    ];
    for (const mail of unproven) await parts.dovecot.append(mail);

    const rows = await until(async () => {
      const r = await rowsOf(c.id);
      return r.length === unproven.length && r;
    }, "the four replies handled");
    expect(rows.map((r) => r.classification)).toEqual(["unproven", "unproven", "unproven", "unproven"]);
    expect((await freshCase(parts.app, c.reference)).stage).toBe("awaiting_brreg");

    const posts = await parts.slack.waitFor(() => {
      const found = threadCalls(c).filter((x) => String(x.args.text).includes("Ser ut som Brregs bekreftelse, men er ikke bevist"));
      return found.length === unproven.length && found;
    });
    for (const [i, from] of ["svar@brreg[.]no", "post@brreg[.]no", "opendata@x[.]brreg[.]no", "kontakt@brreg[.]no"].entries()) {
      const post = posts[i]!;
      expect(String(post.args.text)).toContain(from);
      expect(String(post.args.text)).toContain(`SV: [${c.reference}]`);
      expect(JSON.stringify(post.args.blocks)).toContain(`"action_id":"brreg_confirmed","value":"${c.reference}"`);
    }
    expect(threadOf(c).some((t) => t.includes("Brreg har bekreftet bestillingen"))).toBe(false);

    // Brreg's real reply, passed by our own server, moves it as before.
    await parts.dovecot.append(await brregReplyTo(parts.app, c));
    const moved = await untilStage(parts.app, c.reference, "awaiting_delegation");
    await parts.slack.waitFor(() => threadOf(moved).find((t) => t.includes("Brreg har bekreftet bestillingen")));
    const events = await parts.app.app.runtime.db.caseEvent.findMany({ where: { caseId: c.id, kind: "stage:awaiting_delegation" } });
    expect(events.map((e) => e.actor)).toEqual(["mail"]);
  });

  it("shows a mail's sender and subject defanged, so that no link in them is live, in the thread, the channel and the link modal", async () => {
    const c = await awaitingBrreg();
    const sent = await orderEmailOf(parts.app, c);
    const phishing = `[${c.reference}] Brreg: logg inn på https://brreg-login.evil.example/altinn <!channel>`;
    await parts.dovecot.append(plainMail("Brreg <support@brreg-login.evil.example>", phishing, [`In-Reply-To: ${sent.messageId}`]));
    const reply = await parts.slack.waitFor(() => threadOf(c).find((t) => t.startsWith("Kunden svarte")));
    expect(reply).toContain("hxxps://brreg-login[.]evil[.]example/altinn");
    expect(reply).toContain("support@brreg-login[.]evil[.]example");
    expect(reply).toContain("&lt;!channel&gt;");
    // The app's own words around it hold no link either: nothing in the post is one.
    expect(reply).not.toMatch(linkable);

    // Brreg's name on mail that fits no case: in the channel, not proven, and defanged.
    const before = parts.slack.callsOf("chat.postMessage").length;
    await parts.dovecot.append(plainMail("Brreg <info@brreg.no>", "Ny innlogging: www.brreg-login.evil.example og ftp://evil.example"));
    const post = await parts.slack.waitFor(() =>
      parts.slack
        .callsOf("chat.postMessage")
        .slice(before)
        .find((x) => x.args.channel === caseChannel && !x.args.thread_ts && String(x.args.text).includes("Ny innlogging")),
    );
    const text = String(post.args.text);
    expect(text).toContain("ikke er bevist");
    expect(text).toContain("www[.]brreg-login[.]evil[.]example og fxp://evil[.]example");
    expect(text).not.toMatch(linkable);

    const button = JSON.stringify(post.args.blocks).match(/"action_id":"link_mail","value":"(\d+)"/);
    const opens = parts.slack.callsOf("views.open").length;
    await click(parts.app, "link_mail", button![1]!, "U0BOB", String(post.response.ts));
    const open = await parts.slack.waitFor(() => parts.slack.callsOf("views.open")[opens]);
    const intro = (open.args.view as { blocks: Array<{ text?: { text: string } }> }).blocks[0]!.text!.text;
    expect(intro).toContain("info@brreg[.]no");
    expect(intro).toContain("www[.]brreg-login[.]evil[.]example");
    expect(intro).not.toMatch(linkable);
  });

  it("shows at most five mails an hour from one sender and one line for the rest, and still moves the case on Brreg's passed reply", async () => {
    const c = await awaitingBrreg();
    const sent = await orderEmailOf(parts.app, c);
    // Twenty "Brreg" replies in a minute, none passed by our server.
    for (let i = 1; i <= 20; i += 1) {
      await parts.dovecot.append(plainMail("Brreg <opendata@brreg.no>", `SV: [${c.reference}] melding ${i}`, [`In-Reply-To: ${sent.messageId}`]));
    }
    const rows = await eventually(async () => {
      const r = await rowsOf(c.id);
      return r.length === 20 && r;
    }, "twenty mails handled", 60_000);
    expect(rows.map((r) => r.post)).toEqual([...Array<string>(5).fill("shown"), "summary", ...Array<string>(14).fill("held")]);
    expect(rows.every((r) => r.classification === "unproven")).toBe(true);

    const summary = await parts.slack.waitFor(() => threadOf(c).find((t) => t.startsWith("Flere e-poster fra opendata@brreg[.]no denne timen vises ikke her")));
    expect(summary).toContain("høyst 5 i timen");
    expect(threadOf(c).filter((t) => t.includes("Ser ut som Brregs bekreftelse"))).toHaveLength(5);
    expect(threadOf(c).filter((t) => t.startsWith("Flere e-poster fra"))).toHaveLength(1);
    expect((await freshCase(parts.app, c.reference)).stage).toBe("awaiting_brreg");

    // The same sender's real reply, with our server's dmarc=pass, is never held back.
    await parts.dovecot.append(await brregReplyTo(parts.app, c));
    const moved = await untilStage(parts.app, c.reference, "awaiting_delegation");
    await parts.slack.waitFor(() => threadOf(moved).find((t) => t.includes("Brreg har bekreftet bestillingen")));
    expect((await rowsOf(c.id)).at(-1)).toMatchObject({ classification: "confirmation", post: null });
    // The flood is over the limit still, so the summary was not repeated.
    expect(threadOf(c).filter((t) => t.startsWith("Flere e-poster fra"))).toHaveLength(1);
  });
});
