import { describe, expect, it } from "vitest";
import type { Case } from "../../src/generated/prisma/client.js";
import { backends } from "../support/db.js";
import { hasDovecot } from "../support/dovecot.js";
import { freshCase, moveTo, newCase, until, untilStage } from "../slack/followupHelpers.js";
import { brregReplyAsSent, brregReplyTo, ourAuthservId, withHeadersOnTop } from "./inboxMail.js";
import { mailboxApp } from "./mailboxApp.js";

// Hostile mail: a "Brreg" reply our mail server did not pass.

describe.skipIf(!hasDovecot()).each(backends())("mail that must not be trusted, against Dovecot on %s", (backend) => {
  const parts = mailboxApp(backend, { MAIL_AUTHSERV_ID: ourAuthservId });
  const awaitingBrreg = async (): Promise<Case> => moveTo(parts.app, (await newCase(parts.app, "confirmed")).reference, "awaiting_brreg");
  const threadCalls = (c: Case) => parts.slack.callsOf("chat.postMessage").filter((x) => x.args.thread_ts === c.threadTs);
  const threadOf = (c: Case) => threadCalls(c).map((x) => String(x.args.text));
  const rowsOf = (caseId: number) => parts.app.app.runtime.db.inboundMail.findMany({ where: { caseId }, orderBy: { id: "asc" } });
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
    for (const [i, from] of ["svar@brreg.no", "post@brreg.no", "opendata@x.brreg.no", "kontakt@brreg.no"].entries()) {
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
});
