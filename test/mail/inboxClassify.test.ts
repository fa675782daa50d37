import { describe, expect, it } from "vitest";
import { brregProof, claimsDomain, decide, isFromDomain, matchHints, unreadableMail } from "../../src/domain/inboundMail.js";
import { parseMail } from "../../src/mail/parseMail.js";
import { maxSourceBytes, readFacts } from "../../src/mail/inboxWatcher.js";
import { autoAcknowledgement, blankLineReport, bounceOf } from "./inboxMail.js";

const orderId = "<dlg-7.0b5c1a9e-1111-4222-8333-944455556666@fjorddata.no>";
const orderSubject = "[DLG-7] Bestilling av delegert tilgang – Kunde AS (812345672) – TT02";

function mail(headers: string[], body = "Hei"): string {
  return [...headers, "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body, ""].join("\r\n");
}

const read = (raw: string) => parseMail(raw);

describe("reading an incoming mail", () => {
  it("takes an ordinary reply from Brreg as ordinary, with its recipients and what it answers", async () => {
    const facts = await read(
      mail(
        ["From: Opendata <OpenData@Brreg.no>", "To: kari@leverandor.no", "Cc: Ola <ola@kunde.no>, kari@leverandor.no", `Subject: SV: ${orderSubject}`, `In-Reply-To: ${orderId}`, `References: <x@y.no> ${orderId}`],
        "Vi har lest inn 920012345 og 812 345 672 i TT02.\nFødselsnummer: 07896498713",
      ),
    );
    expect(facts).toMatchObject({ kind: "ordinary", from: "opendata@brreg.no", recipients: ["kari@leverandor.no", "ola@kunde.no"] });
    expect(facts.repliesTo).toEqual([orderId, "<x@y.no>"]);
    expect(facts.text).not.toContain("07896498713");
    expect(matchHints(facts)).toEqual({ messageIds: [orderId, "<x@y.no>"], references: ["DLG-7"], orgnrs: ["920012345", "812345672"] });
  });

  it("keeps recipients with æøå in their domain", async () => {
    const facts = await read(mail(["From: opendata@brreg.no", "To: Post@Bjørn.no, kari@leverandor.no", "Subject: x"]));
    expect(facts.recipients).toEqual(["post@bjørn.no", "kari@leverandor.no"]);
  });

  it("keeps no Message-ID that decodes to control characters, and no such id among what it answers", async () => {
    const facts = await read(
      mail(["From: opendata@brreg.no", "Message-ID: =?utf-8?Q?<a=00b@brreg.no>?=", `In-Reply-To: =?utf-8?Q?<c=00d@x.no>?= ${orderId}`, "Subject: x"]),
    );
    expect(facts.messageId).toBeNull();
    expect(facts.repliesTo).toEqual([orderId]);
    expect((await read(mail(["From: opendata@brreg.no", "Message-ID: <ok.1@brreg.no>"]))).messageId).toBe("<ok.1@brreg.no>");
  });

  it("keeps every Authentication-Results header, topmost first, for the verdict", async () => {
    const ours = "Authentication-Results: mx.fjorddata.no; dmarc=fail (p=reject) header.from=brreg.no";
    const theirs = "Authentication-Results: mx.fjorddata.no; dkim=pass; dmarc=pass header.from=brreg.no";
    expect((await read(mail([ours, theirs, "From: opendata@brreg.no"]))).authenticationResults).toEqual([
      "mx.fjorddata.no; dmarc=fail (p=reject) header.from=brreg.no",
      "mx.fjorddata.no; dkim=pass; dmarc=pass header.from=brreg.no",
    ]);
    expect((await read(mail(["From: opendata@brreg.no"]))).authenticationResults).toEqual([]);
  });

  it("redacts identity numbers, also written 6+5, from the subject and body", async () => {
    const facts = await read(mail(["From: a@brreg.no", "Subject: Innlogging for 078964 98713"], "Nummer 07896498713 og 078964 98713"));
    expect(facts.subject).not.toMatch(/98713/);
    expect(facts.text).not.toMatch(/98713/);
    // An 11-digit number is not an organisation number either.
    expect(matchHints(facts).orgnrs).toEqual([]);
  });

  it("redacts an identity number split by a control character in an encoded subject", async () => {
    // =09 decodes to a tab, which the subject's flattening turns into a space: 6+5.
    const facts = await read(mail(["From: a@brreg.no", "Subject: =?utf-8?Q?Innlogging_078964=0998713?="]));
    expect(facts.subject).not.toMatch(/98713/);
  });

  it.each([
    ["Auto-Submitted: auto-replied", "Re: hei"],
    ["Auto-Submitted: auto-generated", "Kvittering"],
    ["X-Autoreply: yes", "Hei"],
    ["Precedence: auto_reply", "Hei"],
    ["X-Other: 1", "Automatisk svar: [DLG-7] Bestilling"],
    ["X-Other: 1", "Autosvar: [DLG-7] Bestilling"],
    ["X-Other: 1", "SV: Out of office"],
    ["X-Other: 1", "Automatic reply: [DLG-7]"],
  ])("takes %s with subject %j as an automatic reply", async (header, subject) => {
    const facts = await read(mail(["From: opendata@brreg.no", header, `Subject: ${subject}`]));
    expect(facts.kind).toBe("auto_reply");
    expect(decide(facts, { stage: "awaiting_brreg" }, "proven")).toEqual({ classification: "auto_reply", action: "none" });
  });

  it("does not take Auto-Submitted: no for an automatic reply", async () => {
    expect((await read(mail(["From: opendata@brreg.no", "Auto-Submitted: no", "Subject: SV: bestilling"]))).kind).toBe("ordinary");
  });

  it("reads a failed delivery report with the returned Message-ID and reference", async () => {
    const facts = await read(bounceOf(orderSubject, orderId));
    expect(facts).toMatchObject({ kind: "delivery_report", deliveryFailed: true, returnedIds: [orderId] });
    expect(matchHints(facts)).toMatchObject({ messageIds: [orderId], references: ["DLG-7"] });
    expect(decide(facts, { stage: "awaiting_brreg" }, null)).toEqual({ classification: "bounce", action: "report_bounce" });
    expect(decide(facts, { stage: "cancelled" }, null)).toEqual({ classification: "bounce", action: "none" });
    expect(decide(facts, null, null)).toEqual({ classification: "ignored", action: "none" });
  });

  it("does not take a delayed delivery for a bounce", async () => {
    const facts = await read(bounceOf(orderSubject, orderId).replace("Action: failed", "Action: delayed"));
    expect(facts).toMatchObject({ kind: "delivery_report", deliveryFailed: false });
    expect(decide(facts, { stage: "awaiting_brreg" }, null).action).toBe("none");
  });

  it("takes a plain acknowledgement with the auto-reply header for an automatic reply", async () => {
    expect((await read(autoAcknowledgement(orderSubject, orderId))).kind).toBe("auto_reply");
    expect((await read(autoAcknowledgement(orderSubject, orderId, true))).kind).toBe("auto_reply");
  });

  it("reads a comment inside the sender's address as part of the attacker's domain, not as Brreg's", async () => {
    // mailparser's own older nodemailer read this as opendata@brreg.no.
    const facts = await read(mail(["From: opendata@brreg.no (c).evil.example", "To: delegering@fjorddata.no", `Subject: SV: ${orderSubject}`, `In-Reply-To: ${orderId}`]));
    expect(facts.from).toBe("opendata@brreg.no.evil.example");
    expect(isFromDomain(facts.from, "brreg.no")).toBe(false);
    expect(claimsDomain(facts.from, "brreg.no")).toBe(false);
    expect(decide(facts, { stage: "awaiting_brreg", via: "message_id" }, null)).toEqual({ classification: "customer_reply", action: "post_reply" });
  });

  it("redacts an identity number with valid control digits in any grouping, in the subject and body", async () => {
    const facts = await read(mail(["From: a@brreg.no", "Subject: Innlogging 07-89-64-98-767"], "Fnr: 0789 6498 767, eller 078.964.98767"));
    expect(facts.subject).toBe("Innlogging [fødselsnummer fjernet]");
    expect(facts.text).toBe("Fnr: [fødselsnummer fjernet], eller [fødselsnummer fjernet]\n");
  });
});

describe("reading hostile mail", () => {
  it("reads a delivery report of blank lines at the watcher's 5 MB limit within seconds", async () => {
    const raw = blankLineReport(maxSourceBytes);
    const started = performance.now();
    const facts = await read(raw);
    // mailparser alone takes a few seconds here; the Action pattern made it 45 minutes.
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(facts).toMatchObject({ kind: "delivery_report", deliveryFailed: true, returnedIds: [] });
  });

  it("takes a mail not read within the cap for an unreadable one, and reads others as before", async () => {
    // The cap is 30 s in the watcher; a millisecond here, which 5 MB of blank lines always outlasts.
    expect(await readFacts(Buffer.from(blankLineReport(maxSourceBytes)), 1)).toEqual({ facts: unreadableMail, late: true });
    const ordinary = await readFacts(Buffer.from(mail(["From: opendata@brreg.no", "Subject: Hei"])), 1000);
    expect(ordinary).toMatchObject({ facts: { kind: "ordinary", from: "opendata@brreg.no", subject: "Hei" }, late: false });
  });
});

describe("deciding what a mail does", () => {
  const ordinary = { kind: "ordinary" as const, deliveryFailed: false, messageId: null, from: "opendata@brreg.no", recipients: [], subject: "", repliesTo: [], returnedIds: [], text: "", authenticationResults: [] };

  it("lets only Brreg's proven mail confirm, and only a case that waits for Brreg", () => {
    expect(decide(ordinary, { stage: "awaiting_brreg" }, "proven")).toEqual({ classification: "confirmation", action: "confirm" });
    expect(decide(ordinary, { stage: "awaiting_brreg" }, null)).toEqual({ classification: "customer_reply", action: "post_reply" });
    expect(decide(ordinary, { stage: "awaiting_delegation" }, "proven")).toEqual({ classification: "ignored", action: "none" });
    // Looks like Brreg's, without the proof: to the thread, for a person to judge.
    expect(decide(ordinary, { stage: "awaiting_brreg", via: "reference" }, "unproven")).toEqual({ classification: "unproven", action: "post_unproven" });
    expect(decide(ordinary, { stage: "awaiting_delegation" }, "unproven")).toEqual({ classification: "ignored", action: "none" });
    // Brreg's domain with a DMARC failure at our server: never a confirmation, a person decides.
    expect(decide(ordinary, { stage: "awaiting_brreg" }, "forged")).toEqual({ classification: "unmatched", action: "post_unmatched" });
  });

  it("shows anyone else's answer to an open case in its thread without moving it, but not a copy of our own mail", () => {
    for (const stage of ["customer_access_pending", "awaiting_brreg", "awaiting_delegation"] as const) {
      expect(decide(ordinary, { stage }, null)).toEqual({ classification: "customer_reply", action: "post_reply" });
      expect(decide(ordinary, { stage }, null, true)).toEqual({ classification: "ignored", action: "none" });
      expect(decide(ordinary, { stage, via: "message_id" }, null)).toEqual({ classification: "customer_reply", action: "post_reply" });
      expect(decide(ordinary, { stage, via: "reference" }, null)).toEqual({ classification: "customer_reply", action: "post_reply" });
      // Naming both org numbers is no answer to us.
      expect(decide(ordinary, { stage, via: "orgnrs" }, null)).toEqual({ classification: "ignored", action: "none" });
    }
    expect(decide({ ...ordinary, kind: "auto_reply" }, { stage: "awaiting_delegation" }, null)).toEqual({ classification: "auto_reply", action: "none" });
    expect(decide(ordinary, { stage: "completed" }, null)).toEqual({ classification: "closed_case", action: "none" });
  });

  it("changes nothing for closed cases", () => {
    for (const stage of ["completed", "verified", "cancelled"] as const) {
      for (const brreg of ["proven", "unproven", "forged"] as const) {
        expect(decide(ordinary, { stage }, brreg)).toEqual({ classification: "closed_case", action: "none" });
      }
    }
  });

  it("posts mail giving Brreg's domain that fits no case, proven or not, and ignores anyone else's", () => {
    for (const brreg of ["proven", "unproven", "forged"] as const) {
      expect(decide(ordinary, null, brreg)).toEqual({ classification: "unmatched", action: "post_unmatched" });
    }
    expect(decide(ordinary, null, null)).toEqual({ classification: "ignored", action: "none" });
  });

  it("knows Brreg's domain exactly, what claims it (its subdomains), and nothing that merely looks like it", () => {
    expect(isFromDomain("opendata@brreg.no", "brreg.no")).toBe(true);
    expect(isFromDomain("opendata@BRREG.no", "@brreg.no")).toBe(true);
    expect(isFromDomain("saksbehandler@post.brreg.no", "brreg.no")).toBe(false);
    expect(claimsDomain("saksbehandler@post.brreg.no", "brreg.no")).toBe(true);
    for (const address of ["x@notbrreg.no", "x@brreg.no.example.com", null]) {
      expect(isFromDomain(address, "brreg.no")).toBe(false);
      expect(claimsDomain(address, "brreg.no")).toBe(false);
    }
  });
});

describe("proving a mail is Brreg's", () => {
  const strict = { domain: "brreg.no", authservId: "mx.fjorddata.no", requireDmarcPass: true };
  const pass = "mx.fjorddata.no; spf=pass smtp.mailfrom=brreg.no; dkim=pass header.d=brreg.no; dmarc=pass (p=reject) header.from=brreg.no";
  const proof = (from: string | null, headers: string[], rule: Parameters<typeof brregProof>[1] = strict) => brregProof({ from, authenticationResults: headers }, rule);

  it("takes our server's dmarc=pass for exactly Brreg's domain, from exactly that domain", () => {
    expect(proof("opendata@brreg.no", [pass])).toEqual({ proof: "proven", dmarcPass: true });
  });

  it("does not take a dmarc of none, temperror or permerror, no header, or a pass for another domain", () => {
    for (const result of ["none", "temperror", "permerror", "policy", "neutral"]) {
      expect(proof("opendata@brreg.no", [`mx.fjorddata.no; dmarc=${result} header.from=brreg.no`])).toEqual({ proof: "unproven", dmarcPass: false });
    }
    expect(proof("opendata@brreg.no", [])).toEqual({ proof: "unproven", dmarcPass: false });
    expect(proof("opendata@brreg.no", ["mx.fjorddata.no; dmarc=pass header.from=evil.example"])).toEqual({ proof: "unproven", dmarcPass: false });
    expect(proof("opendata@brreg.no", ["mx.fjorddata.no; dmarc=pass"])).toEqual({ proof: "unproven", dmarcPass: false });
  });

  it("does not take a subdomain, in the From or in header.from", () => {
    expect(proof("x@x.brreg.no", ["mx.fjorddata.no; dmarc=pass header.from=x.brreg.no"])).toEqual({ proof: "unproven", dmarcPass: false });
    expect(proof("x@x.brreg.no", [pass])).toEqual({ proof: "unproven", dmarcPass: false });
    expect(proof("opendata@brreg.no", ["mx.fjorddata.no; dmarc=pass header.from=x.brreg.no"])).toEqual({ proof: "unproven", dmarcPass: false });
  });

  it("does not take a pass under another authserv-id, above or below ours", () => {
    const none = "mx.fjorddata.no; dmarc=none header.from=brreg.no";
    const foreign = "mx.evil.example; dmarc=pass header.from=brreg.no";
    expect(proof("opendata@brreg.no", [none, foreign])).toEqual({ proof: "unproven", dmarcPass: false });
    // An attacker's own header naming our id sits below ours, which is what counts.
    expect(proof("opendata@brreg.no", [none, pass])).toEqual({ proof: "unproven", dmarcPass: false });
    expect(proof("opendata@brreg.no", [foreign, pass])).toEqual({ proof: "proven", dmarcPass: true });
    // Without MAIL_AUTHSERV_ID the topmost header is ours, whatever it is called.
    expect(proof("opendata@brreg.no", [foreign, none], { domain: "brreg.no", requireDmarcPass: true })).toEqual({ proof: "proven", dmarcPass: true });
    expect(proof("opendata@brreg.no", [none, foreign], { domain: "brreg.no", requireDmarcPass: true })).toEqual({ proof: "unproven", dmarcPass: false });
  });

  it("calls a recorded DMARC failure forged, and leaves other senders alone", () => {
    expect(proof("opendata@brreg.no", ["mx.fjorddata.no; dmarc=fail (p=reject) header.from=brreg.no"])).toEqual({ proof: "forged", dmarcPass: false });
    expect(proof("x@post.brreg.no", ["mx.fjorddata.no; dmarc=fail header.from=post.brreg.no"])).toEqual({ proof: "forged", dmarcPass: false });
    expect(proof("kari@kunde.no", [pass])).toEqual({ proof: null, dmarcPass: false });
    expect(proof(null, [pass])).toEqual({ proof: null, dmarcPass: false });
  });

  it("with BRREG_REQUIRE_DMARC_PASS=false, takes exactly Brreg's domain unless DMARC failed", () => {
    const relaxed = { ...strict, requireDmarcPass: false };
    expect(proof("opendata@brreg.no", [], relaxed)).toEqual({ proof: "proven", dmarcPass: false });
    expect(proof("opendata@brreg.no", ["mx.fjorddata.no; dmarc=none"], relaxed)).toEqual({ proof: "proven", dmarcPass: false });
    expect(proof("opendata@brreg.no", [pass], relaxed)).toEqual({ proof: "proven", dmarcPass: true });
    expect(proof("opendata@brreg.no", ["mx.fjorddata.no; dmarc=fail header.from=brreg.no"], relaxed)).toEqual({ proof: "forged", dmarcPass: false });
    expect(proof("x@x.brreg.no", [], relaxed)).toEqual({ proof: "unproven", dmarcPass: false });
  });
});
