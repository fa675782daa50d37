import { describe, expect, it } from "vitest";
import { formatOrgnr, isValidOrgnr, normalizeOrgnr, orgnrSchema } from "../../src/domain/orgnr.js";

const weights = [3, 2, 7, 6, 5, 4, 3, 2];
const remainder = (prefix: string) => [...prefix].reduce((s, c, i) => s + weights[i]! * Number(c), 0) % 11;
const prefixWithRemainder = (r: number) =>
  Array.from({ length: 10_000 }, (_, i) => String(10_000_000 + i)).find((p) => remainder(p) === r)!;

describe("isValidOrgnr", () => {
  it.each(["974760673", "923609016", "920012345", "812345672", "310964719", "314028252", "315773458"])(
    "accepts %s",
    (n) => expect(isValidOrgnr(n)).toBe(true),
  );

  it("rejects a wrong check digit", () => {
    expect(isValidOrgnr("123456789")).toBe(false);
    expect(isValidOrgnr("123456785")).toBe(true);
    expect(isValidOrgnr("974760674")).toBe(false);
  });

  it("rejects numbers whose remainder is 1 whatever the last digit", () => {
    const withR1 = prefixWithRemainder(1);
    for (let d = 0; d <= 9; d++) expect(isValidOrgnr(`${withR1}${d}`)).toBe(false);
  });

  it("accepts check digit 0 when the remainder is 0", () => {
    const withR0 = prefixWithRemainder(0);
    expect(isValidOrgnr(`${withR0}0`)).toBe(true);
    expect(isValidOrgnr(`${withR0}1`)).toBe(false);
  });

  it("rejects wrong lengths and non-digits", () => {
    expect(isValidOrgnr("97476067")).toBe(false);
    expect(isValidOrgnr("9747606730")).toBe(false);
    expect(isValidOrgnr("97476067a")).toBe(false);
    expect(isValidOrgnr("974 760 673")).toBe(false);
  });
});

describe("normalizeOrgnr / formatOrgnr", () => {
  it("removes ordinary and non-breaking spaces only", () => {
    expect(normalizeOrgnr("974 760 673")).toBe("974760673");
    expect(normalizeOrgnr("974\u00A0760\u202F673")).toBe("974760673");
    expect(normalizeOrgnr("974-760-673")).toBe("974-760-673");
  });

  it("groups by three", () => {
    expect(formatOrgnr("920012345")).toBe("920 012 345");
    expect(formatOrgnr("not a number")).toBe("not a number");
  });
});

describe("orgnrSchema", () => {
  const codes = (input: unknown) => {
    const r = orgnrSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it("normalises valid input", () => {
    expect(orgnrSchema.parse("  974 760\u00A0673 ")).toBe("974760673");
  });

  it("reports the format once, without a checksum error on top", () => {
    expect(codes("12345")).toEqual(["orgnr.format"]);
    expect(codes("97476067a")).toEqual(["orgnr.format"]);
  });

  it("reports a bad check digit", () => {
    expect(codes("123456789")).toEqual(["orgnr.checksum"]);
  });

  it("reports missing input as required", () => {
    expect(codes("   ")).toEqual(["field.required"]);
    expect(codes(undefined)).toEqual(["field.required"]);
    expect(codes(null)).toEqual(["field.required"]);
  });
});
