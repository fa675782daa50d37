import { describe, expect, it } from "vitest";
import { findFictitiousCompany } from "../../src/domain/fictitiousCompany.js";
import { redactIdentityNumbers } from "../../src/domain/identityNumbers.js";
import { isValidOrgnr } from "../../src/domain/orgnr.js";

const vendor = "920012345";

describe("finding the fictitious company in Brreg's reply", () => {
  it("proposes the synthetic number, never the vendor's own, with the scope the reply names", () => {
    const text = redactIdentityNumbers(
      [
        "Vi har lest inn organisasjonsnummer 920 012 345 i TT02.",
        "Fiktiv virksomhet: GRØNN SPESIELL KATT AS, organisasjonsnummer 310964719.",
        "Virksomheten har fått scopet brreg:reelle/rapporteringspliktig.begrenset.",
        "Fiktiv person: fødselsnummer 07896498713.",
      ].join("\n"),
    );
    expect(findFictitiousCompany(text, vendor)).toEqual({ orgnr: "310964719", scope: "brreg:reelle/rapporteringspliktig.begrenset" });
  });

  it("prefers a number that looks synthetic (2 or 3 first) over another valid one", () => {
    expect(isValidOrgnr("812345672")).toBe(true);
    expect(findFictitiousCompany("Saken gjelder 812345672 og 310 964 719.", vendor).orgnr).toBe("310964719");
    expect(findFictitiousCompany("Saken gjelder 812345672.", vendor).orgnr).toBe("812345672");
  });

  it("finds nothing where nothing fits: only the vendor, invalid numbers, digits of a longer number", () => {
    expect(findFictitiousCompany("Organisasjonsnummer 920012345 er lest inn.", vendor)).toEqual({ orgnr: null, scope: null });
    // 310964718 fails MOD11; 123 456 789 12 is eleven digits in groups.
    expect(findFictitiousCompany("Nummer 310964718, telefon +47 912 34 567, ref 310 964 719 12.", vendor).orgnr).toBeNull();
    expect(findFictitiousCompany("brreg:reelle/ukjent og brreg:reelle/offentligx", vendor).scope).toBeNull();
  });

  it("reads the scope whatever its case, and the first one named", () => {
    expect(findFictitiousCompany("Scope: Brreg:Reelle/Offentlig, ikke brreg:reelle/media", vendor).scope).toBe("brreg:reelle/offentlig");
    expect(findFictitiousCompany("scope brreg:reelle/rapporteringspliktig.", vendor).scope).toBe("brreg:reelle/rapporteringspliktig");
  });
});
