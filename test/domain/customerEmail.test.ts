import { describe, expect, it } from "vitest";
import { composeCustomerEmail, customerMailNoteSchema } from "../../src/domain/customerEmail.js";
import { customerAccessInstructions, delegationGuidance } from "../../src/domain/guidance.js";
import { escapeHtml } from "../../src/domain/html.js";
import { isValidationCode, validationMessages } from "../../src/domain/validationMessages.js";

const guidance = delegationGuidance({
  environment: "tt02",
  vendorOrgnr: "920012345",
  vendorName: "Leverandør <Test> AS",
  customerName: 'Kunde & Sønn "Holding" AS',
  customerOrgnr: "812345672",
  customerContactEmail: "kari@kunde.no",
  loginSentTo: ["ola@leverandor.no"],
  autoDetect: true,
  locale: "nb",
}).forCustomer;

const base = { kind: "delegation_guidance" as const, reference: "DLG-12", text: guidance, senderName: "Kari O'Nordmann", locale: "nb" as const };

describe("composeCustomerEmail", () => {
  it("has the exact subjects in both languages", () => {
    expect(composeCustomerEmail(base).subject).toBe("[DLG-12] Delegering av tilgang til Register over reelle rettighetshavere");
    expect(composeCustomerEmail({ ...base, kind: "customer_access" }).subject).toBe("[DLG-12] Bestilling av tilgang hos Brønnøysundregistrene");
    expect(composeCustomerEmail({ ...base, locale: "en" }).subject).toBe("[DLG-12] Delegating access to the Register of Beneficial Owners");
    expect(composeCustomerEmail({ ...base, kind: "customer_access", locale: "en" }).subject).toBe(
      "[DLG-12] Ordering access from the Brønnøysund Register Centre",
    );
  });

  it("puts the trimmed note first, then the text, then the sender", () => {
    const { text } = composeCustomerEmail({ ...base, note: "  Hei Kari!\r\nSom avtalt på telefon.  \n" });
    expect(text.startsWith("Hei Kari!\nSom avtalt på telefon.\n\nHei,\n\nFor at Leverandør <Test> AS")).toBe(true);
    expect(text).toContain("https://am.ui.tt02.altinn.no/accessmanagement/ui/maskinporten");
    expect(text.endsWith("Takk!\n\nMed vennlig hilsen\nKari O'Nordmann\n")).toBe(true);
    const en = composeCustomerEmail({ ...base, locale: "en", note: "   " });
    expect(en.text.startsWith("Hei,")).toBe(true);
    expect(en.text).toContain("Kind regards\nKari O'Nordmann");
  });

  it("escapes the HTML and keeps the paragraphs and line breaks", () => {
    const { html } = composeCustomerEmail({ ...base, note: "<b>hei</b> & ha det" });
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain("<p>&lt;b&gt;hei&lt;/b&gt; &amp; ha det</p>");
    expect(html).not.toContain("<b>");
    expect(html).toContain(escapeHtml('Kunde & Sønn "Holding" AS'));
    expect(html).toContain(`${escapeHtml("Leverandør <Test> AS")}`);
    expect(html).not.toContain("Leverandør <Test>");
    expect(html).toContain("<p>Hei,</p>");
    expect(html).toMatch(/<p>1\. Logg inn[^<]*<br>\n2\. Velg/);
    expect(html).toContain("<p>Med vennlig hilsen<br>\nKari O&#39;Nordmann</p>");
    const paragraphs = html.match(/<p>/g)?.length ?? 0;
    expect(paragraphs).toBe(guidance.split("\n\n").length + 2);
  });

  it("works for the customer-access instructions", () => {
    const text = customerAccessInstructions({ customerName: "Kunde AS", customerOrgnr: "812345672", environment: "production", locale: "en" });
    const mail = composeCustomerEmail({ ...base, kind: "customer_access", locale: "en", text });
    expect(mail.text).toContain("opendata@brreg.no");
    expect(mail.html).toContain('<html lang="en">');
  });

  it("refuses a national identity number in any part", () => {
    expect(() => composeCustomerEmail({ ...base, note: "Fødselsnummeret er 078964 98713" })).toThrow(/national identity number/);
    expect(() => composeCustomerEmail({ ...base, text: `${guidance}\n07896498713` })).toThrow(/national identity number/);
    expect(() => composeCustomerEmail({ ...base, senderName: "Kari 078964-98713" })).toThrow(/national identity number/);
  });

  it("refuses control characters in the note other than line breaks, and a note that is too long", () => {
    expect(() => composeCustomerEmail({ ...base, note: "a\tb" })).toThrow(/control character/);
    expect(() => composeCustomerEmail({ ...base, note: "a\u0007b" })).toThrow(/control character/);
    expect(() => composeCustomerEmail({ ...base, note: "a\u2028b" })).toThrow(/control character/);
    expect(() => composeCustomerEmail({ ...base, note: "a\nb\r\nc" })).not.toThrow();
    expect(() => composeCustomerEmail({ ...base, note: "x".repeat(1000) })).not.toThrow();
    expect(() => composeCustomerEmail({ ...base, note: "x".repeat(1001) })).toThrow(/longer than 1000/);
  });

  it("keeps the headers safe: a case reference only, a sender's name without line breaks", () => {
    expect(() => composeCustomerEmail({ ...base, reference: "DLG-12\r\nBcc: x@example.com" })).toThrow(/case reference/);
    expect(() => composeCustomerEmail({ ...base, reference: "12" })).toThrow(/case reference/);
    expect(() => composeCustomerEmail({ ...base, senderName: "Kari\r\nBcc: x@example.com" })).toThrow(/control character/);
    expect(() => composeCustomerEmail({ ...base, senderName: "  " })).toThrow(/sender's name is empty/);
    expect(() => composeCustomerEmail({ ...base, text: " \n " })).toThrow(/text is empty/);
  });
});

describe("customerMailNoteSchema", () => {
  const code = (input: unknown) => customerMailNoteSchema.safeParse(input).error?.issues[0]?.message;

  it("trims, and treats an empty input (Slack's null) as no note", () => {
    expect(customerMailNoteSchema.parse("  hei\r\nder  ")).toBe("hei\nder");
    expect(customerMailNoteSchema.parse(null)).toBe("");
    expect(customerMailNoteSchema.parse(undefined)).toBe("");
    expect(customerMailNoteSchema.parse("   ")).toBe("");
  });

  it("answers with codes that have text in both languages", () => {
    expect(code("x".repeat(1001))).toBe("note.too_long");
    expect(customerMailNoteSchema.safeParse(` ${"ø".repeat(1000)} `).success).toBe(true);
    expect(code("a\tb")).toBe("note.control");
    expect(code("ring meg, fnr 07896498713")).toBe("note.identity_number");
    expect(code(42)).toBe("field.invalid");
    for (const c of ["note.too_long", "note.control", "note.identity_number"]) expect(isValidationCode(c)).toBe(true);
    expect(validationMessages["note.identity_number"].nb).toContain("fødselsnummer");
    expect(validationMessages["note.too_long"].en).toContain("1000");
  });
});
