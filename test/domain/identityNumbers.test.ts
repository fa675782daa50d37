import { describe, expect, it } from "vitest";
import { containsIdentityNumber, redactIdentityNumbers } from "../../src/domain/identityNumbers.js";

describe("identity numbers", () => {
  it("redacts 11 digits and the 6+5 form", () => {
    expect(redactIdentityNumbers("Fnr: 07896498713.")).toBe("Fnr: [fødselsnummer fjernet].");
    expect(redactIdentityNumbers("Fnr 078964 98713 og 07896498713")).toBe(
      "Fnr [fødselsnummer fjernet] og [fødselsnummer fjernet]",
    );
    expect(redactIdentityNumbers("078964\u00A098713")).toBe("[fødselsnummer fjernet]");
  });

  it("redacts the 6+5 form with other things between: several spaces, thin, tab, zero-width, any dash, soft hyphen, word joiner", () => {
    for (const text of ["078964  98713", "078964\u202F98713", "078964\u2009 98713", "078964\t 98713", "078964\u200B98713", "078964-98713", "078964\u201398713", "078964\u201198713", "078964\u00AD98713", "078964\u206098713"]) {
      expect(redactIdentityNumbers(`fnr ${text}.`), JSON.stringify(text)).toBe("fnr [fødselsnummer fjernet].");
    }
  });

  it("redacts numbers whatever their checksum (fictitious persons)", () => {
    expect(redactIdentityNumbers("bruker 12345678901")).toBe("bruker [fødselsnummer fjernet]");
    expect(redactIdentityNumbers("D-nummer 41018012345")).toBe("D-nummer [fødselsnummer fjernet]");
  });

  it("leaves longer and shorter digit runs alone", () => {
    for (const text of ["123456789012", "0789649871", "orgnr 920012345", "+4791234567", "1078964 98713", "078964 987130", "078964    98713", "078964 x 98713"]) {
      expect(containsIdentityNumber(text), text).toBe(false);
      expect(redactIdentityNumbers(text)).toBe(text);
    }
  });

  it("finds them between letters and punctuation and on new lines", () => {
    expect(containsIdentityNumber("innlogging:07896498713")).toBe(true);
    expect(containsIdentityNumber("a\n07896498713\nb")).toBe(true);
    expect(containsIdentityNumber("Hei, ingen her.")).toBe(false);
  });

  it("gives the same answer on repeated calls", () => {
    expect(containsIdentityNumber("07896498713")).toBe(true);
    expect(containsIdentityNumber("07896498713")).toBe(true);
  });
});
