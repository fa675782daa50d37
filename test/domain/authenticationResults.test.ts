import { describe, expect, it } from "vitest";
import { dmarcFor, ownServerResults, parseAuthenticationResults } from "../../src/domain/authenticationResults.js";

describe("reading an Authentication-Results header (RFC 8601)", () => {
  it("reads the authserv-id, then each method=result with its properties", () => {
    expect(
      parseAuthenticationResults("mx.fjorddata.no; spf=pass smtp.mailfrom=opendata@brreg.no; dkim=pass header.d=brreg.no header.s=sel1; dmarc=pass header.from=brreg.no"),
    ).toEqual({
      authservId: "mx.fjorddata.no",
      results: [
        { method: "spf", result: "pass", properties: { "smtp.mailfrom": "opendata@brreg.no" } },
        { method: "dkim", result: "pass", properties: { "header.d": "brreg.no", "header.s": "sel1" } },
        { method: "dmarc", result: "pass", properties: { "header.from": "brreg.no" } },
      ],
    });
  });

  it("skips comments, nested ones and ones holding ; = and quotes, wherever whitespace may stand", () => {
    const parsed = parseAuthenticationResults(
      'mx.fjorddata.no (Postfix; "x=1") ; dmarc=pass (p=reject (nested; dis=none) \\) sp=none) header.from=brreg.no (ok; dmarc=fail); spf (x) = (y) pass',
    );
    expect(parsed).toEqual({
      authservId: "mx.fjorddata.no",
      results: [
        { method: "dmarc", result: "pass", properties: { "header.from": "brreg.no" } },
        { method: "spf", result: "pass", properties: {} },
      ],
    });
  });

  it("reads quoted strings as one value, with their escapes, and a ; inside them as text", () => {
    const parsed = parseAuthenticationResults('"mx.fjorddata.no"; dmarc=fail reason="policy; \\"reject\\"" header.from="brreg.no"');
    expect(parsed).toEqual({
      authservId: "mx.fjorddata.no",
      results: [{ method: "dmarc", result: "fail", properties: { reason: 'policy; "reject"', "header.from": "brreg.no" } }],
    });
  });

  it("takes a version after the authserv-id and after a method, and case-folds methods and results", () => {
    expect(parseAuthenticationResults("mx.fjorddata.no 1; DKIM/1=Pass header.d=brreg.no; DMARC=PASS Header.From=brreg.no").results).toEqual([
      { method: "dkim", result: "pass", properties: { "header.d": "brreg.no" } },
      { method: "dmarc", result: "pass", properties: { "header.from": "brreg.no" } },
    ]);
  });

  it("reads a property written with whitespace or a comment around its dot", () => {
    expect(parseAuthenticationResults("mx.fjorddata.no; dmarc=pass header (x) . from = brreg.no").results).toEqual([
      { method: "dmarc", result: "pass", properties: { "header.from": "brreg.no" } },
    ]);
  });

  it("keeps the first of a property given twice", () => {
    expect(parseAuthenticationResults("mx; dmarc=pass header.from=evil.example header.from=brreg.no").results[0]!.properties).toEqual({ "header.from": "evil.example" });
  });

  it("reads `none`, and a header of results without an authserv-id, as Exchange Online writes it", () => {
    expect(parseAuthenticationResults("mx.fjorddata.no; none")).toEqual({ authservId: "mx.fjorddata.no", results: [] });
    expect(parseAuthenticationResults("spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=brreg.no; dmarc=pass action=none header.from=brreg.no;compauth=pass reason=100")).toEqual({
      authservId: "",
      results: [
        { method: "spf", result: "pass", properties: { "smtp.mailfrom": "brreg.no" } },
        { method: "dmarc", result: "pass", properties: { action: "none", "header.from": "brreg.no" } },
        { method: "compauth", result: "pass", properties: { reason: "100" } },
      ],
    });
  });

  it("gives no results for a header malformed after its authserv-id, and no id for an unreadable one", () => {
    expect(parseAuthenticationResults("mx.fjorddata.no; dmarc=pass (unterminated header.from=brreg.no")).toEqual({ authservId: "mx.fjorddata.no", results: [] });
    expect(parseAuthenticationResults('mx.fjorddata.no; dmarc=pass header.from="brreg.no')).toEqual({ authservId: "mx.fjorddata.no", results: [] });
    expect(parseAuthenticationResults('mx.fjorddata.no; dmarc=pass header.from="brreg.no\\')).toEqual({ authservId: "mx.fjorddata.no", results: [] });
    expect(parseAuthenticationResults("mx.fjorddata.no; dmarc=pass (comment ends in a quoted-pair \\)")).toEqual({ authservId: "mx.fjorddata.no", results: [] });
    expect(parseAuthenticationResults("mx.fjorddata.no; dmarc=pass) header.from=brreg.no")).toEqual({ authservId: "mx.fjorddata.no", results: [] });
    expect(parseAuthenticationResults("mx.fjorddata.no extra words; dmarc=pass header.from=brreg.no")).toEqual({ authservId: null, results: [] });
    expect(parseAuthenticationResults("")).toEqual({ authservId: null, results: [] });
    // A resinfo without a result is left out; the others stand.
    expect(parseAuthenticationResults("mx; dkim=; dmarc=pass header.from=brreg.no; spf").results).toEqual([
      { method: "dmarc", result: "pass", properties: { "header.from": "brreg.no" } },
    ]);
  });
});

describe("whose results count", () => {
  const ours = "mx.fjorddata.no; dmarc=none header.from=brreg.no";
  const theirs = "mx.evil.example; dmarc=pass header.from=brreg.no";

  it("with an authserv-id set, the topmost header carrying it, whatever sits above or below", () => {
    expect(ownServerResults([theirs, ours, "mx.fjorddata.no; dmarc=pass header.from=brreg.no"], "MX.fjorddata.no")).toEqual([
      { method: "dmarc", result: "none", properties: { "header.from": "brreg.no" } },
    ]);
    expect(ownServerResults([theirs], "mx.fjorddata.no")).toEqual([]);
    expect(ownServerResults([], "mx.fjorddata.no")).toEqual([]);
  });

  it("without one, the topmost header only", () => {
    expect(ownServerResults([ours, theirs])).toEqual([{ method: "dmarc", result: "none", properties: { "header.from": "brreg.no" } }]);
    expect(ownServerResults([])).toEqual([]);
  });
});

describe("the DMARC verdict for a domain", () => {
  const results = (header: string) => parseAuthenticationResults(header).results;

  it("is pass only for a pass whose header.from is exactly the domain", () => {
    expect(dmarcFor(results("mx; dmarc=pass header.from=brreg.no"), "brreg.no")).toBe("pass");
    expect(dmarcFor(results("mx; dmarc=pass header.from=BRREG.NO"), "brreg.no")).toBe("pass");
    expect(dmarcFor(results("mx; dmarc=pass header.from=x.brreg.no"), "brreg.no")).toBe("unknown");
    expect(dmarcFor(results("mx; dmarc=pass header.from=brreg.no.evil.example"), "brreg.no")).toBe("unknown");
    expect(dmarcFor(results("mx; dmarc=pass"), "brreg.no")).toBe("unknown");
    // Another method's pass is no DMARC pass.
    expect(dmarcFor(results("mx; dkim=pass header.d=brreg.no; spf=pass smtp.mailfrom=brreg.no"), "brreg.no")).toBe("unknown");
  });

  it("is fail when any dmarc result failed, and unknown for none, temperror and permerror", () => {
    expect(dmarcFor(results("mx; dmarc=pass header.from=brreg.no; dmarc=fail header.from=brreg.no"), "brreg.no")).toBe("fail");
    for (const result of ["none", "temperror", "permerror"]) expect(dmarcFor(results(`mx; dmarc=${result} header.from=brreg.no`), "brreg.no")).toBe("unknown");
    expect(dmarcFor([], "brreg.no")).toBe("unknown");
  });
});
