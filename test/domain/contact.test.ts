import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  emailSchema,
  formatPhone,
  orgNameSchema,
  parsePhone,
  personNameSchema,
  phoneSchema,
} from "../../src/domain/contact.js";

const firstCode = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? undefined : r.error.issues[0]?.message;
};

describe("names", () => {
  it.each([personNameSchema, orgNameSchema])("trims and accepts ordinary names", (schema) => {
    expect(schema.parse("  Kari Nordmann ")).toBe("Kari Nordmann");
    expect(schema.parse("Brønnøysundregistrene")).toBe("Brønnøysundregistrene");
    expect(schema.parse("Åse")).toBe("Åse");
  });

  it.each([personNameSchema, orgNameSchema])("enforces 2–200 characters", (schema) => {
    expect(firstCode(schema, "A")).toBe("name.length");
    expect(schema.parse("Ab")).toBe("Ab");
    expect(schema.parse("x".repeat(200))).toHaveLength(200);
    expect(firstCode(schema, "x".repeat(201))).toBe("name.length");
    // Counted in characters, not UTF-16 units.
    expect(schema.parse("😀".repeat(200))).toHaveLength(400);
  });

  it.each([personNameSchema, orgNameSchema])("rejects control characters", (schema) => {
    for (const bad of ["Kari\nNordmann", "Kari\rNordmann", "Kari\tNordmann", "Kari\u0000N", "Kari\u0085N", "Kari\u2028N"]) {
      expect(firstCode(schema, bad)).toBe("name.control");
    }
  });

  it.each([personNameSchema, orgNameSchema])("refuses a national identity number (a fictitious test person's, say)", (schema) => {
    expect(firstCode(schema, "Testperson 07896498713")).toBe("text.identity_number");
    expect(firstCode(schema, "Testperson 078964 98713")).toBe("text.identity_number");
    expect(schema.parse("Kunde 920012345 AS")).toBe("Kunde 920012345 AS");
  });

  it("reports empty input as required", () => {
    expect(firstCode(personNameSchema, "  ")).toBe("field.required");
    expect(firstCode(orgNameSchema, undefined)).toBe("field.required");
  });
});

describe("emailSchema", () => {
  it("refuses an address made of a national identity number", () => {
    expect(firstCode(emailSchema, "07896498713@kunde.no")).toBe("text.identity_number");
  });

  it("trims and lowercases", () => {
    expect(emailSchema.parse("  Kari.Nordmann@Example.NO ")).toBe("kari.nordmann@example.no");
  });

  it("takes Norwegian letters in the domain, kept as typed", () => {
    expect(emailSchema.parse("Post@Bjørnøy-Regnskap.no")).toBe("post@bjørnøy-regnskap.no");
    expect(firstCode(emailSchema, "post@bjørn")).toBe("email.invalid");
  });

  it("rejects invalid addresses", () => {
    for (const bad of ["kari", "kari@", "@example.no", "kari@example", "kari nordmann@example.no", "a@b@c.no"]) {
      expect(firstCode(emailSchema, bad)).toBe("email.invalid");
    }
  });

  it("rejects header injection", () => {
    expect(firstCode(emailSchema, "kari@example.no\r\nBcc: x@evil.test")).toBe("email.invalid");
    expect(firstCode(emailSchema, "kari@example.no\nx")).toBe("email.invalid");
  });

  it("caps the length at 254", () => {
    const address = (domainTail: number) => `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(domainTail)}.no`;
    expect(address(58)).toHaveLength(254);
    expect(emailSchema.parse(address(58))).toBe(address(58));
    expect(firstCode(emailSchema, address(59))).toBe("email.too_long");
  });

  it("reports empty input as required", () => {
    expect(firstCode(emailSchema, "")).toBe("field.required");
  });
});

describe("phone", () => {
  it.each([
    ["91234567", "+4791234567"],
    ["912 34 567", "+4791234567"],
    ["+47 912 34 567", "+4791234567"],
    ["+4791234567", "+4791234567"],
    ["0047 91234567", "+4791234567"],
    ["0047 912 34 567", "+4791234567"],
    ["22 33 44 55", "+4722334455"],
    ["22-33-44-55", "+4722334455"],
    ["912.34.567", "+4791234567"],
    ["+47\u00A0412\u00A034\u00A0567", "+4741234567"],
    ["  +47 91234567  ", "+4791234567"],
  ])("normalises Norwegian %s", (input, expected) => {
    expect(phoneSchema.parse(input)).toBe(expected);
  });

  it.each([
    ["+46 70 123 45 67", "+46701234567"],
    ["+1 202-555-0143", "+12025550143"],
    ["+44 20 7946 0958", "+442079460958"],
  ])("keeps foreign E.164 %s", (input, expected) => {
    expect(phoneSchema.parse(input)).toBe(expected);
  });

  it("asks for + on foreign numbers written with 00", () => {
    expect(firstCode(phoneSchema, "0046 70 123 45 67")).toBe("phone.foreign_needs_plus");
    expect(parsePhone("0046701234567")).toEqual({ ok: false, code: "phone.foreign_needs_plus" });
  });

  it.each([
    "1234567", // 7 digits
    "912345678", // 9 digits
    "4791234567", // country code without + or 00
    "+47 1234 5678", // Norwegian numbers do not start with 1
    "01234567",
    "+47 912 34 56",
    "+0 123456789",
    "+1234567890123456", // 16 digits
    "912 34 567 ext 2",
    "+47 (0) 912 34 567",
    "++4791234567",
    "912--34",
    "-91234567",
    "abc",
  ])("rejects %s", (input) => {
    expect(firstCode(phoneSchema, input)).toBe("phone.invalid");
  });

  it("reports empty input as required", () => {
    expect(firstCode(phoneSchema, " ")).toBe("field.required");
  });

  it("formats for display", () => {
    expect(formatPhone("+4791234567")).toBe("+47 912 34 567");
    expect(formatPhone("+4722334455")).toBe("+47 22 33 44 55");
    expect(formatPhone("+46701234567")).toBe("+46701234567");
  });
});
