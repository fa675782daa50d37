import { describe, expect, it } from "vitest";
import { defanged, mailText } from "../../src/slack/mrkdwn.js";
import { heldMailNotice, unmatchedMailNotice } from "../../src/slack/views/mailNotices.js";

// Slack makes links of URLs, of bare domains (www.x.no, brreg-login.example) and of e-mail
// addresses (mailto:); text from a mail must come out as none of them.
const linkable = /\b(?:https?|ftp):\/\/|[\p{L}\p{N}-]+\.[\p{L}]{2,}|<[^>]*>/iu;

describe("text taken from a mail, for Slack", () => {
  it.each([
    ["a URL: its scheme and every dot of its host", "logg inn på https://brreg-login.evil.example/altinn?x=1", "logg inn på hxxps://brreg-login[.]evil[.]example/altinn?x=1"],
    ["upper-case schemes, and ftp", "HTTP://evil.example og ftp://files.evil.example", "HxxP://evil[.]example og fxp://files[.]evil[.]example"],
    ["a URL hiding its host behind user info", "https://brreg.no@evil.example", "hxxps://brreg[.]no@evil[.]example"],
    ["a bare domain", "se www.brreg-login.evil.example", "se www[.]brreg-login[.]evil[.]example"],
    ["an e-mail address (Slack would make a mailto: of it)", "opendata@brreg.no", "opendata@brreg[.]no"],
    ["an address with æøå", "post@bjørn.no", "post@bjørn[.]no"],
    ["the dots browsers take for one in a host", "evil。example evil．example evil｡example", "evil[.]example evil[.]example evil[.]example"],
    ["a zero-width space before a dot", "evil\u200B.example", "evil[.]example"],
    ["a word joiner inside the scheme", "https\u2060://evil.example", "hxxps://evil[.]example"],
    ["a right-to-left override", "\u202Eelif.exe", "elif[.]exe"],
  ])("defangs %s", (_what, text, shown) => {
    expect(mailText(text)).toBe(shown);
  });

  it.each([
    ["a sentence's full stops", "Takk. Hilsen Brreg."],
    ["a case reference", "SV: [DLG-12] Bestilling"],
  ])("leaves %s as they are", (_what, text) => {
    expect(mailText(text)).toBe(text);
  });

  it("redacts an identity number that an invisible character split so that redaction missed it", () => {
    expect(defanged("nummer 0789649\u200B8713")).toBe("nummer [fødselsnummer fjernet]");
  });

  it("still escapes Slack's markup and formatting", () => {
    expect(mailText("<!channel> *Brreg* <https://evil.example|brreg.no>")).toBe(
      "&lt;!channel&gt; \u200B*\u200BBrreg\u200B*\u200B &lt;hxxps://evil[.]example|brreg[.]no&gt;",
    );
  });

  it("leaves nothing Slack would link in the unmatched mail notice and the summary line", () => {
    const notice = unmatchedMailNotice(
      { inboundId: 7, from: "support@brreg-login.evil.example", subject: "Logg inn: https://brreg-login.evil.example", receivedAt: new Date("2026-12-04T10:00:00Z"), unproven: true },
      "nb",
    );
    expect(notice.text).toContain("ikke er bevist");
    expect(notice.text).not.toMatch(linkable);
    const held = unmatchedMailNotice({ inboundId: 8, from: "flood@evil.example", subject: "x", receivedAt: new Date(), overLimit: 5 }, "en");
    expect(held).toEqual(heldMailNotice("flood@evil.example", 5, "en"));
    expect(held.text).toBe(
      "More emails from flood@evil[.]example this hour are not shown here: the app shows at most 5 an hour from one sender. This one and the rest of the hour's are in the mailbox.",
    );
    expect(held.blocks).toBeUndefined();
  });
});
