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

  // Each satisfies both control digits: a fødselsnummer (15.05.90), a D-number (day + 40), an
  // H-number (month + 40), Tenor test persons (month + 80), also as a D-number.
  const valid = ["15059012387", "41019012393", "15459012440", "07896498767", "41909012307"];
  const groupings = (n: string) => [
    `${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}`,
    `${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6)}`,
    `${n.slice(0, 2)}-${n.slice(2, 4)}-${n.slice(4, 6)}-${n.slice(6, 8)}-${n.slice(8)}`,
    [...n].join(" "),
    `${n.slice(0, 6)}.${n.slice(6)}`,
    `${n.slice(0, 2)} . ${n.slice(2, 6)}\u2009${n.slice(6, 9)}\u00AD${n.slice(9)}`,
  ];

  it("redacts a number with valid control digits in any grouping of spaces, dots and dashes", () => {
    for (const n of valid) {
      for (const text of groupings(n)) {
        expect(redactIdentityNumbers(`Fnr: ${text}, takk`), text).toBe("Fnr: [fødselsnummer fjernet], takk");
        expect(containsIdentityNumber(`notat:${text}.`), text).toBe(true);
      }
    }
    // One on the line after a phone number: the line break keeps them apart.
    expect(redactIdentityNumbers("Tlf 22 33 44 55\n0789 6498 767")).toBe("Tlf 22 33 44 55\n[fødselsnummer fjernet]");
  });

  it("leaves other 11-digit numbers in odd groupings alone: a wrong control digit, no date, an account number, more digits near", () => {
    const others = [
      "0789 6498 713", // wrong control digits
      "1234 5678 911", // both control digits hold, but month 34 is none
      "9710 1234 545", // day 97
      "1503.12.34562", // a bank account number (its own mod-11 check)
      "0789 6498 767 1",
      "2 0789 6498 767",
      "0789 6498    767",
      "0789 6498\n767",
    ];
    for (const text of others) {
      expect(containsIdentityNumber(text), text).toBe(false);
      expect(redactIdentityNumbers(text)).toBe(text);
    }
  });

  it("gives the same answer on repeated calls", () => {
    expect(containsIdentityNumber("07896498713")).toBe(true);
    expect(containsIdentityNumber("07896498713")).toBe(true);
  });
});
