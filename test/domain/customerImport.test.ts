import { describe, expect, it } from "vitest";
import {
  importFieldIds,
  importLimit,
  importTextTooLong,
  parseCustomerImport,
  slackTextInputMaxLength,
  type CustomerImport,
  type ImportLine,
} from "../../src/domain/customerImport.js";
import { isValidOrgnr } from "../../src/domain/orgnr.js";
import { isValidationCode } from "../../src/domain/validationMessages.js";

const vendor = { vendorOrgnr: "920 012 345" };
const fnr = "01019012345";

// A valid orgnr for each 8-digit prefix whose check digit exists (MOD11 remainder 1 has none).
function orgnrs(n: number): string[] {
  const out: string[] = [];
  for (let p = 91000000; out.length < n; p++) {
    for (let c = 0; c <= 9; c++) {
      if (isValidOrgnr(`${p}${c}`)) {
        out.push(`${p}${c}`);
        break;
      }
    }
  }
  return out;
}

function lines(result: CustomerImport): ImportLine[] {
  expect(result.tooMany).toBe(false);
  return result.lines;
}

function only(result: CustomerImport): ImportLine {
  const all = lines(result);
  expect(all).toHaveLength(1);
  return all[0]!;
}

function errorsOf(line: ImportLine) {
  expect(line.status).toBe("invalid");
  return line.status === "invalid" ? line.errors : {};
}

describe("parseCustomerImport: reading lines", () => {
  it("reads semicolon lines and normalises them as the order modal does", () => {
    const result = parseCustomerImport(
      "974 760 673; Brønnøysundregistrene; Kari Nordmann; Kari@Brreg.no; 912 34 567\n923609016;Equinor ASA;Ola Nordmann;ola@equinor.com;+46 70 123 45 67",
      vendor,
    );
    expect(result).toMatchObject({ tooMany: false, limit: 50, count: 2, headerLineNumber: null });
    expect(lines(result)).toEqual([
      {
        lineNumber: 1,
        fields: ["974 760 673", "Brønnøysundregistrene", "Kari Nordmann", "Kari@Brreg.no", "912 34 567"],
        status: "ready",
        customer: {
          customer_orgnr: "974760673",
          customer_name: "Brønnøysundregistrene",
          customer_contact_name: "Kari Nordmann",
          customer_contact_email: "kari@brreg.no",
          customer_contact_phone: "+4791234567",
        },
      },
      {
        lineNumber: 2,
        fields: ["923609016", "Equinor ASA", "Ola Nordmann", "ola@equinor.com", "+46 70 123 45 67"],
        status: "ready",
        customer: {
          customer_orgnr: "923609016",
          customer_name: "Equinor ASA",
          customer_contact_name: "Ola Nordmann",
          customer_contact_email: "ola@equinor.com",
          customer_contact_phone: "+46701234567",
        },
      },
    ]);
  });

  it("reads a spreadsheet paste: header, tabs, CRLF, blank rows, empty cells to the right", () => {
    const text = [
      "Org.nr\tNavn\tKontaktperson\tE-post\tTelefon",
      "974760673\tBrreg; Register\tKari Nordmann\tkari@brreg.no\t91234567\t\t",
      "",
      "\t\t\t\t",
      "   ",
      "923609016\tEquinor ASA\tOla Nordmann\tola@equinor.com\t22 33 44 55",
      "",
    ].join("\r\n");
    const result = parseCustomerImport(text, vendor);
    expect(result.headerLineNumber).toBe(1);
    expect(result.count).toBe(2);
    const [first, second] = lines(result);
    expect(first).toMatchObject({ lineNumber: 2, status: "ready", customer: { customer_name: "Brreg; Register" } });
    expect(first!.fields).toHaveLength(5);
    expect(second).toMatchObject({ lineNumber: 6, status: "ready", customer: { customer_contact_phone: "+4722334455" } });
  });

  it("counts line numbers in the original text with old Mac line ends too", () => {
    const result = parseCustomerImport("\r974760673;Brreg;Kari Nordmann;kari@brreg.no;91234567\r", vendor);
    expect(only(result).lineNumber).toBe(2);
  });

  it.each([
    ["Orgnr;Navn;Kontaktperson;E-post;Telefon"],
    ["organisasjonsnummer\tkundenavn\tkontakt\tepost\ttlf"],
    ["Organisation number,Name,Contact name,E-mail,Phone"],
    ['"Org. nr.";"Navn"'],
    ["ORGNR;NAVN"],
  ])("takes %j as a header", (header) => {
    const result = parseCustomerImport(`${header}\n974760673;Brreg;Kari Nordmann;kari@brreg.no;91234567`, vendor);
    expect(result.headerLineNumber).toBe(1);
    expect(only(result)).toMatchObject({ lineNumber: 2, status: "ready" });
  });

  it("takes only the first non-blank line as a header, and never a line that starts with digits", () => {
    const blankFirst = parseCustomerImport("\n\nOrgnr;Navn;Kontakt;E-post;Telefon\n974760673;Brreg;Kari;kari@brreg.no;91234567", vendor);
    expect(blankFirst.headerLineNumber).toBe(3);

    const later = parseCustomerImport("974760673;Brreg;Kari;kari@brreg.no;91234567\nOrgnr;Navn;Kontakt;E-post;Telefon", vendor);
    expect(later.headerLineNumber).toBeNull();
    expect(lines(later)[1]).toMatchObject({ lineNumber: 2, status: "invalid" });

    const digits = parseCustomerImport("974760673;Navn AS;Kontakt Kontaktsen;kontakt@navn.no;91234567", vendor);
    expect(digits.headerLineNumber).toBeNull();
    expect(only(digits).status).toBe("ready");
  });

  it("does not take a customer line without its orgnr for a header", () => {
    const result = parseCustomerImport("Kundeservice AS;Ola Nordmann;ola@mail.no;91234567", vendor);
    expect(result.headerLineNumber).toBeNull();
    expect(errorsOf(only(result))).toEqual({ line: "import.fields" });
  });

  it("removes spreadsheet quoting, with doubled quotes inside", () => {
    const result = parseCustomerImport('"974760673";"Kunde ""Nord"" AS"; "Kari Nordmann" ;"kari@brreg.no";"91234567"', vendor);
    expect(only(result)).toMatchObject({ status: "ready", customer: { customer_name: 'Kunde "Nord" AS', customer_contact_name: "Kari Nordmann" } });
  });

  it("keeps a separator inside quotes", () => {
    const result = parseCustomerImport('974760673;"Kunde; avd. Oslo";Kari;kari@brreg.no;91234567', vendor);
    expect(only(result)).toMatchObject({ status: "ready", customer: { customer_name: "Kunde; avd. Oslo" } });
  });

  it("reads comma-separated CSV when a line has neither tab nor semicolon outside quotes", () => {
    const text = 'Orgnr,Navn,Kontakt,E-post,Telefon\n974760673,"Kunde, avd. Oslo",Kari Nordmann,kari@brreg.no,91234567\n923609016,"Equinor; ASA",Ola,ola@equinor.com,22334455';
    const result = parseCustomerImport(`\uFEFF${text}`, vendor);
    expect(result.headerLineNumber).toBe(1);
    expect(lines(result).map((l) => (l.status === "ready" ? l.customer.customer_name : l.errors))).toEqual([
      "Kunde, avd. Oslo",
      "Equinor; ASA",
    ]);
  });

  it("takes a quote that is never closed literally instead of swallowing the line", () => {
    const result = parseCustomerImport('974760673;"Kunde AS;Kari Nordmann;kari@brreg.no;91234567', vendor);
    expect(only(result)).toMatchObject({ status: "ready", customer: { customer_name: '"Kunde AS' } });
  });

  it("keeps empty tab-separated fields in their columns", () => {
    const result = parseCustomerImport('974760673\t\t"Kari Nordmann"\tkari@brreg.no\t91234567', vendor);
    expect(only(result).fields).toEqual(["974760673", "", "Kari Nordmann", "kari@brreg.no", "91234567"]);
    expect(errorsOf(only(result))).toEqual({ customer_name: "field.required" });
  });
});

describe("parseCustomerImport: errors", () => {
  it("reports each field with the order modal's codes, keyed by its field id", () => {
    const result = parseCustomerImport(
      [
        "123456789;Kunde AS;Kari Nordmann;kari@brreg.no;91234567",
        "97476067;Kunde AS;Kari Nordmann;kari@brreg.no;91234567",
        "974760673;K;Kari Nordmann;kari@;12345678",
        "923609016;Equinor ASA;Ola Nordmann;ola@equinor.com;0046 70 123 45 67",
      ].join("\n"),
      vendor,
    );
    expect(lines(result).map(errorsOf)).toEqual([
      { customer_orgnr: "orgnr.checksum" },
      { customer_orgnr: "orgnr.format" },
      { customer_name: "name.length", customer_contact_email: "email.invalid", customer_contact_phone: "phone.invalid" },
      { customer_contact_phone: "phone.foreign_needs_plus" },
    ]);
  });

  it("reports a line without five fields under 'line' and does not guess at its columns", () => {
    const result = parseCustomerImport(
      [
        "974760673;Brreg;Kari Nordmann;kari@brreg.no",
        "974760673;Brreg;Kari Nordmann;kari@brreg.no;91234567;ekstra",
        "974760673 Brreg Kari Nordmann kari@brreg.no 91234567",
      ].join("\n"),
      vendor,
    );
    for (const line of lines(result)) expect(errorsOf(line)).toEqual({ line: "import.fields" });
    expect(lines(result)[1]!.fields).toHaveLength(6);
  });

  it("says the phone is missing, not that the line is short, when the fifth cell is empty", () => {
    const result = parseCustomerImport("974760673;Brreg;Kari Nordmann;kari@brreg.no;", vendor);
    expect(errorsOf(only(result))).toEqual({ customer_contact_phone: "field.required" });
  });

  it("refuses the vendor's own orgnr, however it is spaced", () => {
    const result = parseCustomerImport("920012345;Leverandør AS;Kari;kari@lev.no;91234567\n920 012 345;Leverandør AS;Kari;kari@lev.no;91234567", vendor);
    expect(lines(result).map(errorsOf)).toEqual([{ customer_orgnr: "orgnr.same_as_vendor" }, { customer_orgnr: "orgnr.same_as_vendor" }]);
  });

  it("marks the second and later lines with the same orgnr as duplicates, not the first", () => {
    const result = parseCustomerImport(
      [
        "974760673;Brreg;Kari Nordmann;kari@brreg.no;91234567",
        "923609016;Equinor ASA;Ola Nordmann;ola@equinor.com;22334455",
        "974 760 673;Brreg igjen;Per Nordmann;per@brreg.no;91234568",
        "974760673;Brreg tredje;Per Nordmann;per@;91234568",
      ].join("\n"),
      vendor,
    );
    const [first, second, third, fourth] = lines(result);
    expect(first!.status).toBe("ready");
    expect(second!.status).toBe("ready");
    expect(errorsOf(third!)).toEqual({ customer_orgnr: "import.duplicate_orgnr" });
    expect(errorsOf(fourth!)).toEqual({ customer_orgnr: "import.duplicate_orgnr", customer_contact_email: "email.invalid" });
  });

  it("counts an orgnr as taken even when the first line with it has other errors", () => {
    const result = parseCustomerImport("974760673;Brreg;Kari;kari@;91234567\n974760673;Brreg;Kari;kari@brreg.no;91234567", vendor);
    expect(lines(result).map(errorsOf)).toEqual([
      { customer_contact_email: "email.invalid" },
      { customer_orgnr: "import.duplicate_orgnr" },
    ]);
  });

  it("uses only known validation codes", () => {
    const result = parseCustomerImport("x;y\n123;K;;a;b\n920012345;A;B;c@d.no;91234567", vendor);
    for (const line of lines(result)) for (const code of Object.values(errorsOf(line))) expect(isValidationCode(code)).toBe(true);
  });
});

describe("parseCustomerImport: national identity numbers", () => {
  it.each([
    ["name", `974760673;Kunde ${fnr};Kari Nordmann;kari@brreg.no;91234567`, { customer_name: "text.identity_number" }],
    ["contact", `974760673;Kunde AS;Kari 010190 12345;kari@brreg.no;91234567`, { customer_contact_name: "text.identity_number" }],
    ["e-mail", `974760673;Kunde AS;Kari Nordmann;${fnr}@brreg.no;91234567`, { customer_contact_email: "text.identity_number" }],
    ["orgnr", `${fnr};Kunde AS;Kari Nordmann;kari@brreg.no;91234567`, { customer_orgnr: "orgnr.format" }],
    ["phone", `974760673;Kunde AS;Kari Nordmann;kari@brreg.no;${fnr}`, { customer_contact_phone: "phone.invalid" }],
    ["a short line", `974760673;Kunde ${fnr}`, { line: "import.fields" }],
  ])("refuses one in the %s and never echoes it", (_where, text, errors) => {
    const result = parseCustomerImport(text, vendor);
    expect(errorsOf(only(result))).toEqual(errors);
    const echoed = JSON.stringify(result);
    expect(echoed).not.toMatch(/01019012345|010190 12345/);
    expect(echoed).toContain("[fødselsnummer fjernet]");
  });
});

describe("the limit and Slack's text cap", () => {
  const customer = (orgnr: string) => `${orgnr};Kunde ${orgnr} AS;Kari Nordmann;kari@kunde.no;91234567`;

  it("takes 50 customers, not counting header and blank lines", () => {
    const text = ["Orgnr;Navn;Kontakt;E-post;Telefon", "", ...orgnrs(importLimit).map(customer), "", ""].join("\n");
    const result = parseCustomerImport(text, vendor);
    expect(result.tooMany).toBe(false);
    expect(result.count).toBe(50);
    expect(lines(result).every((l) => l.status === "ready")).toBe(true);
  });

  it("refuses 51 as a whole, with the count and no lines", () => {
    const result = parseCustomerImport(orgnrs(51).map(customer).join("\n"), vendor);
    expect(result).toEqual({ tooMany: true, limit: 50, count: 51, headerLineNumber: null, lines: [] });
  });

  it("says when a text has reached the 3,000 characters of a Slack text input", () => {
    expect(slackTextInputMaxLength).toBe(3000);
    expect(importTextTooLong("x".repeat(2999))).toBe(false);
    expect(importTextTooLong("x".repeat(3000))).toBe(true);
    expect(importTextTooLong("x".repeat(4000))).toBe(true);
  });

  it("gives nothing to import for an empty text", () => {
    expect(parseCustomerImport("", vendor)).toEqual({ tooMany: false, limit: 50, count: 0, headerLineNumber: null, lines: [] });
    expect(parseCustomerImport(" \r\n\t\n;;;;", vendor).count).toBe(0);
  });

  it("names its columns after the order modal's customer fields", () => {
    expect(importFieldIds).toEqual([
      "customer_orgnr",
      "customer_name",
      "customer_contact_name",
      "customer_contact_email",
      "customer_contact_phone",
    ]);
  });
});
