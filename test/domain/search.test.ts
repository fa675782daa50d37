import { describe, expect, it } from "vitest";
import { maxStatusCharacters, maxStatusWords, nameWords, normalizeForSearch, parseStatusQuery } from "../../src/domain/search.js";

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

  it("refuses more than 5 words or 100 characters, counted as the name search counts them", () => {
    expect(maxStatusWords).toBe(5);
    expect(maxStatusCharacters).toBe(100);
    expect(parseStatusQuery("nord sønn")).toEqual({ kind: "text", text: "nord sonn" });
    expect(parseStatusQuery("Nord-Norge Revisjon & Sønn AS")).toEqual({ kind: "text", text: "nord-norge revisjon & sonn as" });
    // Punctuation splits words in the search, so it splits them here too.
    expect(parseStatusQuery("Nord-Norge Revisjon & Sønn AS Bergen")).toEqual({ kind: "tooLong" });
    expect(parseStatusQuery("a,b,c,d,e,f")).toEqual({ kind: "tooLong" });
    // A repeated word is searched once.
    expect(parseStatusQuery("as as as as as as as")).toEqual({ kind: "text", text: "as as as as as as as" });
    const words300 = Array.from({ length: 300 }, (_, i) => `ord${i}`).join(" ");
    expect(parseStatusQuery(words300)).toEqual({ kind: "tooLong" });
    expect(parseStatusQuery("x".repeat(100))).toEqual({ kind: "text", text: "x".repeat(100) });
    expect(parseStatusQuery("x".repeat(101))).toEqual({ kind: "tooLong" });
    // Characters, not UTF-16 units: 100 ø fit.
    expect(parseStatusQuery("ø".repeat(100))).toMatchObject({ kind: "text" });
    expect(parseStatusQuery(`  ${"x".repeat(100)}  `)).toMatchObject({ kind: "text" });
    expect(parseStatusQuery(`DLG-${"0".repeat(97)}12`)).toEqual({ kind: "tooLong" });
  });

  it("splits words on punctuation and spaces", () => {
    expect(nameWords("nord-norge revisjon & sonn as")).toEqual(["nord", "norge", "revisjon", "sonn", "as"]);
    expect(nameWords(" ,; ")).toEqual([]);
  });
});
