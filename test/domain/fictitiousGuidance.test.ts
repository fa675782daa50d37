import { describe, expect, it } from "vitest";
import { fictitiousGuidance } from "../../src/domain/fictitiousGuidance.js";
import { caseCompletionSummary } from "../../src/domain/guidance.js";

const input = {
  vendorOrgnr: "920012345",
  vendorName: "Leverandør AS",
  fictitiousOrgnr: "310964719",
  scope: "brreg:reelle/media" as const,
  loginSentTo: ["kari@leverandor.no", "test@leverandor.no"],
  autoDetect: true,
};

describe("the vendor's own step on the fictitious route", () => {
  it("walks the Altinn 3 path in TT02, as the fictitious person, for the fictitious company, to the vendor's own number", () => {
    const nb = fictitiousGuidance({ ...input, locale: "nb" });
    const order = [
      "https://tt02.altinn.no med ID-portens testinnlogging (TestID) som den fiktive personen",
      "står i e-posten fra Brreg til kari@leverandor.no, test@leverandor.no: lim det aldri inn i Slack",
      "representere den fiktive virksomheten (org.nr. 310 964 719)",
      "«Tilgangsstyring» → «Maskinportenadministrasjon». Direkte lenke: https://am.ui.tt02.altinn.no/accessmanagement/ui/maskinporten",
      "«Leverandører» → «Legg til leverandør». Skriv deres eget organisasjonsnummer nøyaktig slik i «Organisasjonsnummer»: 920012345 (Leverandør AS)",
      "«Gi fullmakt» → «Søk etter API», og velg Brregs API for Register over reelle rettighetshavere for «Media»",
      "consumer_org 310964719",
    ];
    let at = -1;
    for (const part of order) {
      const i = nb.indexOf(part);
      expect(i, part).toBeGreaterThan(at);
      at = i;
    }
    // Nothing for a customer: there is none on this route.
    expect(nb).not.toMatch(/kunden|send til kunden/i);
  });

  it("says where the login is when Brreg's recipients are not known, and the manual path without Maskinporten", () => {
    const nb = fictitiousGuidance({ ...input, loginSentTo: [], autoDetect: false, locale: "nb" });
    expect(nb).toContain("i e-posten fra Brreg til dere: lim det aldri inn i Slack");
    expect(nb).toContain("Når dere har delegert, trykk «Rapporter scope» i saken.");
    const en = fictitiousGuidance({ ...input, loginSentTo: [], autoDetect: false, locale: "en" });
    expect(en).toContain("in Brreg's e-mail to you: never paste it into Slack");
    expect(en).toContain("press “Report scope”");
    expect(en).toContain("«Legg til leverandør»");
    expect(en).not.toMatch(/\bcustomer\b(?! to send)/);
  });

  it("names the fictitious company as consumer_org in the completion summary", () => {
    const summary = caseCompletionSummary({ route: "fictitious", customerOrgnr: "", fictitiousOrgnr: "310964719", environment: "tt02" }, "brreg:reelle/media", "nb");
    expect(summary).toContain("- consumer_org: 310964719 (den fiktive virksomhetens organisasjonsnummer) i JWT-grantet");
    const existing = caseCompletionSummary({ route: "existing", customerOrgnr: "812345672", fictitiousOrgnr: null, environment: "tt02" }, "brreg:reelle/media", "en");
    expect(existing).toContain("- consumer_org: 812345672 (the customer's organisation number) in the JWT grant");
  });
});
