import { describe, expect, it } from "vitest";
import { completionSummary, customerAccessInstructions, delegationGuidance } from "../../src/domain/guidance.js";
import { altinnSchemeName, scopes } from "../../src/domain/scopes.js";

const base = {
  vendorOrgnr: "920012345",
  vendorName: "Leverandør AS",
  customerName: "Kunde AS",
  customerOrgnr: "812345672",
  loginSentTo: ["ola@kunde.no", "test@kunde.no"],
};

describe("delegationGuidance", () => {
  it("TT02 in Norwegian: fictitious person, where the login went, the click path, the vendor orgnr and the scope", () => {
    const g = delegationGuidance({ ...base, environment: "tt02", locale: "nb" });
    expect(g.forCustomer).toContain("https://tt02.altinn.no");
    expect(g.forCustomer).toContain("fiktive personen");
    expect(g.forCustomer).toContain("ola@kunde.no og test@kunde.no");
    expect(g.forCustomer).toContain("Velg å representere Kunde AS (org.nr. 812 345 672)");
    expect(g.forCustomer).toContain("ikke en underenhet");
    expect(g.forCustomer).toContain("Maskinporten-administrator");
    expect(g.forCustomer).toContain(
      "Profil → «Tilgang til programmeringsgrensesnitt - API» → «Gi og fjerne API-tilganger» → «Deleger nytt API»",
    );
    for (const s of scopes) expect(g.forCustomer).toContain(altinnSchemeName(s));
    expect(g.forCustomer).toContain("920012345");
    expect(g.forCustomer).toContain("Programmeringsgrensesnitt (API)");
    expect(g.forCustomer).toContain("hovedadministrator");
    expect(g.forCustomer).toContain("hvilket scope");
    expect(g.forVendor).toContain("Rapporter scope");
    expect(g.forVendor).toContain("fiktiv person");
    expect(g.forVendor).toContain("920012345");
  });

  it("production in Norwegian: altinn.no, own login, no fictitious person", () => {
    const g = delegationGuidance({ ...base, environment: "production", locale: "nb" });
    expect(g.forCustomer).toContain("https://altinn.no");
    expect(g.forCustomer).not.toMatch(/tt02/i);
    for (const text of [g.forCustomer, g.forVendor]) {
      expect(text).not.toMatch(/fiktiv/i);
      expect(text).not.toContain("ola@kunde.no");
    }
    expect(g.forCustomer).toContain("920012345");
    expect(g.forCustomer).toContain("hvilket scope");
  });

  it("English, both environments", () => {
    const t = delegationGuidance({ ...base, environment: "tt02", locale: "en" });
    expect(t.forCustomer).toContain("fictitious person");
    expect(t.forCustomer).toContain("ola@kunde.no and test@kunde.no");
    expect(t.forCustomer).toContain("which scope");
    expect(t.forVendor).toContain("Report scope");
    const p = delegationGuidance({ ...base, environment: "production", locale: "en" });
    expect(p.forCustomer).toContain("https://altinn.no");
    expect(`${p.forCustomer}${p.forVendor}`).not.toMatch(/fictitious/i);
  });

  it("copes with no known login recipients", () => {
    const g = delegationGuidance({ ...base, loginSentTo: [], environment: "tt02", locale: "nb" });
    expect(g.forCustomer).toContain("står i e-posten fra Brreg.");
  });
});

describe("customerAccessInstructions", () => {
  it("tells the customer what to send to Brreg", () => {
    const nb = customerAccessInstructions({ customerName: "Kunde AS", customerOrgnr: "812345672", environment: "tt02", locale: "nb" });
    expect(nb).toContain("opendata@brreg.no");
    expect(nb).not.toContain("opendata.rrh@brreg.no");
    expect(nb).toContain("812345672");
    expect(nb).toContain("Kunde AS");
    expect(nb).toContain("kontaktperson for testmiljøet: navn, e-post og telefon");
    expect(nb).toContain("kontaktperson for produksjon: navn, e-post og telefon");
    expect(nb).toContain("hjemmelsgrunnlaget");
    expect(nb).toContain("bekreftelse");
    const en = customerAccessInstructions({
      customerName: "Kunde AS",
      customerOrgnr: "812345672",
      environment: "production",
      locale: "en",
      brregEmail: "orders@example.test",
    });
    expect(en).toContain("orders@example.test");
    expect(en).toContain("legal basis");
    expect(en).toContain("confirmation");
  });
});

describe("completionSummary", () => {
  it("lists scope, consumer_org, token endpoint and audience for TT02", () => {
    const s = completionSummary({ scope: "brreg:reelle/media", customerOrgnr: "812345672", environment: "tt02", locale: "nb" });
    expect(s).toContain("brreg:reelle/media");
    expect(s).toContain("consumer_org: 812345672");
    expect(s).toContain("https://test.maskinporten.no/token");
    expect(s).toContain("https://test.maskinporten.no/\n");
    expect(s).toContain("egen klient");
    expect(s).toContain("svarene viser ikke fødselsnummer");
    expect(s).toContain("gjelder bare test");
  });

  it("uses production's endpoints in production", () => {
    const s = completionSummary({ scope: "brreg:reelle/offentlig", customerOrgnr: "812345672", environment: "production", locale: "en" });
    expect(s).toContain("https://maskinporten.no/token");
    expect(s).not.toContain("test.maskinporten");
    expect(s).toContain("consumer_org: 812345672");
    expect(s).toContain("only this scope may search by national identity number");
    expect(s).toContain("holds in production only");
  });
});
