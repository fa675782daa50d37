import { describe, expect, it } from "vitest";
import { environmentInfo, environments, environmentSchema } from "../../src/domain/environments.js";
import { altinnSchemeName, scopeInfo, scopeOption, scopes, scopeSchema } from "../../src/domain/scopes.js";

describe("scopes", () => {
  it("holds the six brreg:reelle scopes", () => {
    expect(scopes).toHaveLength(6);
    for (const s of scopes) expect(s).toMatch(/^brreg:reelle\/[a-z.]+$/);
    expect(scopeSchema.parse("brreg:reelle/rapporteringspliktig.begrenset")).toBe("brreg:reelle/rapporteringspliktig.begrenset");
  });

  it("rejects anything else with a code", () => {
    const r = scopeSchema.safeParse("brreg:reelle/alt");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("scope.invalid");
  });

  it("names the Altinn delegation schemes", () => {
    expect(altinnSchemeName("brreg:reelle/offentlig")).toBe("Register over reelle rettighetshavere - Offentlig myndighet - På vegne av");
    expect(altinnSchemeName("brreg:reelle/rapporteringspliktig")).toBe(
      "Register over reelle rettighetshavere - Rapporteringspliktig virksomhet - På vegne av",
    );
  });

  it("keeps option text and description within Slack's 75 characters", () => {
    for (const s of scopes) {
      for (const locale of ["nb", "en"] as const) {
        const o = scopeOption(s, locale);
        expect(o.value).toBe(s);
        expect(o.text.length).toBeGreaterThan(0);
        expect(o.text.length).toBeLessThan(75);
        expect(o.description.length).toBeLessThan(75);
      }
    }
    expect(scopeInfo["brreg:reelle/offentlig"].name).toEqual({ nb: "Offentlig myndighet", en: "Public authority" });
  });
});

describe("environments", () => {
  it("accepts the two environments and codes the rest", () => {
    expect(environments.map((e) => environmentSchema.parse(e))).toEqual(["tt02", "production"]);
    expect(environmentSchema.safeParse("prod").error?.issues[0]?.message).toBe("environment.invalid");
    expect(environmentSchema.safeParse(null).error?.issues[0]?.message).toBe("field.required");
  });

  it("describes TT02", () => {
    expect(environmentInfo.tt02).toMatchObject({
      altinnHost: "tt02.altinn.no",
      altinnMaskinportenUrl: "https://am.ui.tt02.altinn.no/accessmanagement/ui/maskinporten",
      maskinportenAudience: "https://test.maskinporten.no/",
      maskinportenTokenEndpoint: "https://test.maskinporten.no/token",
      rrhApiHost: "rrh.ppe.brreg.no",
      brregPrepares: true,
      label: { nb: "TT02 (test)", en: "TT02 (test)" },
    });
  });

  it("describes production", () => {
    expect(environmentInfo.production).toMatchObject({
      altinnHost: "altinn.no",
      altinnMaskinportenUrl: "https://am.ui.altinn.no/accessmanagement/ui/maskinporten",
      maskinportenAudience: "https://maskinporten.no/",
      maskinportenTokenEndpoint: "https://maskinporten.no/token",
      rrhApiHost: "rrh.brreg.no",
      brregPrepares: false,
      label: { nb: "Produksjon", en: "Production" },
    });
  });
});
