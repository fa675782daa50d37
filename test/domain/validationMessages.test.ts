import { describe, expect, it } from "vitest";
import { isValidationCode, validationCodes, validationMessages } from "../../src/domain/validationMessages.js";

describe("validationMessages", () => {
  it("has Norwegian and English text for every code", () => {
    expect(Object.keys(validationMessages).sort()).toEqual([...validationCodes].sort());
    for (const code of validationCodes) {
      expect(validationMessages[code].nb).toMatch(/\.$/);
      expect(validationMessages[code].en).toMatch(/\.$/);
    }
    expect(validationMessages["orgnr.format"]).toEqual({
      nb: "Organisasjonsnummeret må ha 9 siffer.",
      en: "The organisation number must have 9 digits.",
    });
  });

  it("recognises its codes", () => {
    expect(isValidationCode("phone.invalid")).toBe(true);
    expect(isValidationCode("Invalid input")).toBe(false);
    expect(isValidationCode(3)).toBe(false);
  });
});
