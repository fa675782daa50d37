import { describe, expect, it } from "vitest";
import { normalizeForSearch, parseStatusQuery } from "../../src/domain/search.js";

describe("normalizeForSearch", () => {
  it("folds Norwegian letters and accents", () => {
    expect(normalizeForSearch("Brønnøysundregistrene")).toBe("bronnoysundregistrene");
    expect(normalizeForSearch("BRØNNØYSUND")).toBe(normalizeForSearch("Bronnoysund"));
    expect(normalizeForSearch("Ærlig Åse")).toBe("aerlig ase");
    expect(normalizeForSearch("Café Müller")).toBe("cafe muller");
  });

  it("collapses whitespace", () => {
    expect(normalizeForSearch("  Kunde \t  &\n AS ")).toBe("kunde & as");
  });
});

describe("parseStatusQuery", () => {
  it.each(["dlg-12", "DLG 12", "DLG-12", " Dlg12 ", "DLG-012"])("reads %j as a reference", (q) => {
    expect(parseStatusQuery(q)).toEqual({ kind: "reference", reference: "DLG-12" });
  });

  it("reads nine digits as an orgnr", () => {
    expect(parseStatusQuery("920012345")).toEqual({ kind: "orgnr", orgnr: "920012345" });
    expect(parseStatusQuery(" 920 012 345 ")).toEqual({ kind: "orgnr", orgnr: "920012345" });
    for (const q of ["920.012.345", "920-012-345", "NO 920 012 345 MVA", "no920012345mva", "NO\t 920 012 345  \tMVA", "920012345 mva"]) {
      expect(parseStatusQuery(q), q).toEqual({ kind: "orgnr", orgnr: "920012345" });
    }
    expect(parseStatusQuery("Nord 920012345")).toMatchObject({ kind: "text" });
    expect(parseStatusQuery("920\t012\t345")).toMatchObject({ kind: "text" });
  });

  it("treats the rest as text", () => {
    expect(parseStatusQuery("Brønnøysund  Registrene")).toEqual({ kind: "text", text: "bronnoysund registrene" });
    expect(parseStatusQuery("92001234")).toEqual({ kind: "text", text: "92001234" });
    expect(parseStatusQuery("DLG")).toEqual({ kind: "text", text: "dlg" });
  });

  it("recognises an empty query", () => {
    expect(parseStatusQuery("")).toEqual({ kind: "empty" });
    expect(parseStatusQuery("   ")).toEqual({ kind: "empty" });
  });
});
