import { describe, expect, it } from "vitest";
import { completionSummary, customerAccessInstructions, customerHasLogin, delegationGuidance } from "../../src/domain/guidance.js";
import { altinnSchemeName, scopeInfo, scopes } from "../../src/domain/scopes.js";

const base = {
  vendorOrgnr: "920012345",
  vendorName: "Leverandør AS",
  customerName: "Kunde AS",
  customerOrgnr: "812345672",
  customerContactEmail: "kari@kunde.no",
  loginSentTo: ["ola@leverandor.no", "test@leverandor.no"],
  autoDetect: false,
};

const clickPath = [
  "«Tilgangsstyring» → «Maskinportenadministrasjon»",
  "«Leverandører» → «Legg til leverandør»",
  "«Legg til virksomhet»",
  "«Gi fullmakt» → «Søk etter API»",
];

describe("delegationGuidance", () => {
  it("TT02 in Norwegian: TestID as the fictitious person, Altinn 3's click path, the exact org numbers, the API per scope", () => {
    const g = delegationGuidance({ ...base, environment: "tt02", locale: "nb" });
    const c = g.forCustomer;
    expect(c).toContain("https://tt02.altinn.no");
    expect(c).toContain("TestID");
    expect(c).toContain("fiktive personen");
    for (const step of clickPath) expect(c).toContain(step);
    expect(c).toContain("Direkte lenke: https://am.ui.tt02.altinn.no/accessmanagement/ui/maskinporten");
    expect(c).toContain("Velg å representere Kunde AS (org.nr. 812 345 672)");
    expect(c).toContain("ikke en underenhet eller et morselskap");
    expect(c).toContain("«Organisasjonsnummer»: 920012345 (Leverandør AS)");
    expect(c).toContain("tilgangspakken «Maskinporten administrator» og minst én tilgangspakke i området «Integrasjoner»");
    expect(c).toContain("«Delegerbare Maskinporten scopes»");
    for (const s of scopes) {
      expect(c).toContain(`${s}: Brregs API for Register over reelle rettighetshavere for «${scopeInfo[s].altinnCategory}»`);
      expect(c).toContain(altinnSchemeName(s));
    }
    expect(c).toContain("hvilket scope");
    expect(c).not.toContain("Konsumenter");
    expect(g.forVendor).toContain("fiktiv person");
    expect(g.forVendor).toContain("920012345");
    expect(g.forVendor).toContain("«Konsumenter»");
    expect(g.forVendor).toContain("Rapporter scope");
  });

  it("production in Norwegian: altinn.no with the usual login, production's link, no fictitious person", () => {
    const g = delegationGuidance({ ...base, environment: "production", locale: "nb" });
    expect(g.forCustomer).toContain("https://altinn.no");
    expect(g.forCustomer).toContain("BankID");
    expect(g.forCustomer).toContain("https://am.ui.altinn.no/accessmanagement/ui/maskinporten");
    expect(g.forVendor).toContain("https://am.ui.altinn.no/accessmanagement/ui/maskinporten");
    for (const text of [g.forCustomer, g.forVendor]) {
      expect(text).not.toMatch(/tt02|fiktiv|TestID|fødselsnummer/i);
      expect(text).not.toContain("ola@leverandor.no");
    }
    expect(g.forCustomer).toContain("920012345");
    expect(g.forCustomer).toContain("hvilket scope");
  });

  it("English keeps Altinn's labels in Norwegian, in both environments", () => {
    const t = delegationGuidance({ ...base, environment: "tt02", locale: "en" });
    for (const step of clickPath) expect(t.forCustomer).toContain(step);
    expect(t.forCustomer).toContain("TestID");
    expect(t.forCustomer).toContain("fictitious person");
    expect(t.forCustomer).toContain("act on behalf of Kunde AS (org. no. 812 345 672)");
    expect(t.forCustomer).toContain("the Brreg API for Register over reelle rettighetshavere matching «Rapporteringspliktig virksomhet»");
    expect(t.forCustomer).toContain("«Maskinporten administrator»");
    expect(t.forCustomer).toContain("https://am.ui.tt02.altinn.no/accessmanagement/ui/maskinporten");
    expect(t.forCustomer).toContain("which scope");
    expect(t.forVendor).toContain("«Konsumenter»");
    expect(t.forVendor).toContain("Report scope");
    const p = delegationGuidance({ ...base, environment: "production", locale: "en" });
    expect(p.forCustomer).toContain("https://altinn.no");
    expect(p.forCustomer).toContain("https://am.ui.altinn.no/accessmanagement/ui/maskinporten");
    expect(`${p.forCustomer}${p.forVendor}`).not.toMatch(/fictitious|tt02/i);
  });

  it("TT02: the login went to the vendor, so the vendor passes it on outside Slack and the customer hears it comes from the vendor", () => {
    const nb = delegationGuidance({ ...base, environment: "tt02", locale: "nb" });
    expect(nb.forCustomer).toContain("Innloggingsopplysningene får dere fra oss.");
    expect(nb.forCustomer).not.toContain("leverandor.no");
    expect(nb.forVendor).toContain("e-posten fra Brreg til ola@leverandor.no og test@leverandor.no");
    expect(nb.forVendor).toContain("utenom Slack");
    expect(nb.forVendor).toContain("kryptert e-post");
    expect(nb.forVendor).toContain("fødselsnummer");
    const en = delegationGuidance({ ...base, environment: "tt02", locale: "en" });
    expect(en.forCustomer).toContain("You get the login details from us.");
    expect(en.forVendor).toContain("outside Slack");
    expect(en.forVendor).toContain("national identity number (fødselsnummer)");
  });

  it("TT02: says the customer has the login only when Brreg's mail went to the customer contact's own address", () => {
    const got = { ...base, loginSentTo: ["ola@leverandor.no", "Kari@Kunde.NO"], environment: "tt02" as const };
    const nb = delegationGuidance({ ...got, locale: "nb" });
    expect(nb.forCustomer).toContain("Brreg har sendt innloggingsopplysningene på e-post til kari@kunde.no.");
    expect(nb.forCustomer).not.toContain("får dere fra oss");
    expect(nb.forVendor).not.toContain("utenom Slack");
    const en = delegationGuidance({ ...got, locale: "en" });
    expect(en.forCustomer).toContain("Brreg has e-mailed the login details to kari@kunde.no.");
    // Someone else at the customer's domain is not the contact.
    const other = delegationGuidance({ ...base, loginSentTo: ["per@kunde.no"], environment: "tt02", locale: "nb" });
    expect(other.forCustomer).toContain("Innloggingsopplysningene får dere fra oss.");
  });

  it("customerHasLogin compares addresses case-insensitively and never matches an empty contact", () => {
    expect(customerHasLogin({ customerContactEmail: " KARI@kunde.no", loginSentTo: ["kari@KUNDE.no"] })).toBe(true);
    expect(customerHasLogin({ customerContactEmail: "kari@kunde.no", loginSentTo: [] })).toBe(false);
    expect(customerHasLogin({ customerContactEmail: "", loginSentTo: [""] })).toBe(false);
  });

  it("copes with no known login recipients", () => {
    const g = delegationGuidance({ ...base, loginSentTo: [], environment: "tt02", locale: "nb" });
    expect(g.forCustomer).toContain("Innloggingsopplysningene får dere fra oss.");
    expect(g.forVendor).toContain("Brreg sender innloggingen for den fiktive personen på e-post");
    expect(g.forVendor).toContain("utenom Slack");
  });

  it("with autoDetect the customer need not name the scope and the vendor hears the app checks Maskinporten itself", () => {
    const nb = delegationGuidance({ ...base, autoDetect: true, environment: "tt02", locale: "nb" });
    expect(nb.forCustomer).toContain("Gi oss gjerne beskjed når dere har delegert.");
    expect(nb.forCustomer).not.toContain("hvilket scope");
    expect(nb.forVendor).toContain("Appen sjekker selv i Maskinporten");
    expect(nb.forVendor).toContain("«Rapporter scope»");
    expect(nb.forVendor).not.toContain("fortelle hvilket scope");
    const en = delegationGuidance({ ...base, autoDetect: true, environment: "production", locale: "en" });
    expect(en.forCustomer).toContain("Please let us know when you have delegated.");
    expect(en.forCustomer).not.toContain("which scope");
    expect(en.forVendor).toContain("The app checks Maskinporten by itself and moves the case");
    expect(en.forVendor).toContain("Report scope");
  });

  it("without autoDetect the customer is asked for its scope", () => {
    const g = delegationGuidance({ ...base, autoDetect: false, environment: "production", locale: "nb" });
    expect(g.forCustomer).toContain("Gi oss også beskjed om hvilket scope dere har fått fra Brreg");
    expect(g.forCustomer).not.toContain("når dere har delegert");
    expect(g.forVendor).not.toContain("Appen sjekker selv");
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
