import { createPrivateKey, generateKeyPairSync, randomUUID, verify } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  buildGrant,
  checkDelegatedToken,
  classifyError,
  readTokenAnswer,
  tokenRequestBody,
  type MaskinportenSettings,
} from "../../src/integrations/maskinporten.js";
import { FakeMaskinporten, makeClientKey } from "../support/fakeMaskinporten.js";

const vendor = "920012345";
const customer = "812345672";
const other = "974760673";
const scope = "brreg:reelle/rapporteringspliktig";

const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
const jwt = (claims: Record<string, unknown>) => [{ alg: "RS256" }, claims].map((p) => Buffer.from(JSON.stringify(p)).toString("base64url")).join(".") + ".sig";

describe("Maskinporten grant", () => {
  const key = makeClientKey();
  afterAll(() => rmSync(key.dir, { recursive: true, force: true }));

  it("is an RS256 JWT with kid, signed by the client key, carrying DOMAIN.md's claims", () => {
    const now = new Date("2026-11-24T10:00:00Z");
    const grant = buildGrant(
      { settings: { clientId: "client-1", kid: "kid-1", url: "https://test.maskinporten.no/" }, scope, consumerOrgnr: customer, now },
      createPrivateKey(readFileSync(key.privateKeyFile, "utf8")),
    );
    const [h, c, s] = grant.split(".");
    expect(decode(h!)).toEqual({ alg: "RS256", kid: "kid-1" });
    const claims = decode(c!);
    expect(claims).toMatchObject({ aud: "https://test.maskinporten.no/", iss: "client-1", iat: now.getTime() / 1000, scope, consumer_org: customer });
    expect(Number(claims.exp) - Number(claims.iat)).toBeGreaterThan(0);
    expect(Number(claims.exp) - Number(claims.iat)).toBeLessThanOrEqual(120);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(verify("RSA-SHA256", Buffer.from(`${h}.${c}`), key.publicKey, Buffer.from(s!, "base64url"))).toBe(true);
    // a fresh jti each time: Maskinporten refuses a replayed grant
    const again = buildGrant(
      { settings: { clientId: "client-1", kid: "kid-1", url: "https://test.maskinporten.no/" }, scope, consumerOrgnr: customer, now },
      createPrivateKey(readFileSync(key.privateKeyFile, "utf8")),
    );
    expect(decode(again.split(".")[1]!).jti).not.toBe(claims.jti);
  });

  it("is posted form-encoded as a jwt-bearer grant", () => {
    const form = new URLSearchParams(tokenRequestBody("a.b.c"));
    expect(form.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    expect(form.get("assertion")).toBe("a.b.c");
  });
});

describe("Maskinporten answers", () => {
  it("maps the MP error codes and 5xx to plain problems", () => {
    const e = (description: string) => ({ error: "invalid_grant", error_description: description });
    expect(classifyError(400, e("MP-251 Consumer has not delegated access to the scope"))).toMatchObject({ problem: "not_delegated" });
    expect(classifyError(400, e("MP-250 Consumer has not been granted access"))).toMatchObject({ problem: "never_granted" });
    expect(classifyError(400, { error: "invalid_scope", error_description: "MP-200 Scope not allowed" })).toMatchObject({ problem: "scope_not_on_client" });
    expect(classifyError(400, e("The combination of consumer_org and supplier is invalid"))).toMatchObject({ problem: "own_orgnr" });
    // The code in `error` rather than in the description.
    expect(classifyError(400, { error: "invalid_altinn_customer_configuration (MP-251)" })).toMatchObject({ problem: "not_delegated" });
    expect(classifyError(400, e("Invalid assertion. Client authentication failed."))).toEqual({
      problem: "rejected",
      detail: "invalid_grant: Invalid assertion. Client authentication failed.",
    });
    expect(classifyError(503, null)).toEqual({ problem: "unreachable", detail: "HTTP 503" });
    expect(classifyError(429, { error: "rate_limited" })).toEqual({ problem: "unreachable", detail: "HTTP 429" });
    expect(classifyError(400, "<html>")).toEqual({ problem: "rejected", detail: "HTTP 400" });
  });

  it("reads consumer and supplier from a JWT token, in Maskinporten's object form or as strings", () => {
    const party = (orgnr: string) => ({ authority: "iso6523-actorid-upis", ID: `0192:${orgnr}` });
    expect(readTokenAnswer({ access_token: jwt({ consumer: party(customer), supplier: party(vendor) }), expires_in: 120 }, customer)).toEqual({
      ok: true,
      consumer: customer,
      supplier: vendor,
    });
    expect(readTokenAnswer({ access_token: jwt({ consumer: `0192:${customer}`, supplier: `0192:${vendor}` }) }, customer)).toMatchObject({ ok: true, consumer: customer });
  });

  it("reports a token for another consumer, and accepts an opaque token", () => {
    expect(readTokenAnswer({ access_token: jwt({ consumer: { ID: `0192:${other}` } }) }, customer)).toEqual({ ok: false, problem: "wrong_consumer", detail: other });
    expect(readTokenAnswer({ access_token: "opaque-reference-token" }, customer)).toEqual({ ok: true, consumer: null, supplier: null });
  });

  it("names what is missing in an answer without a token", () => {
    expect(readTokenAnswer({ token_type: "Bearer" }, customer)).toMatchObject({ ok: false, problem: "bad_answer", detail: expect.stringContaining("access_token") });
  });
});

describe("the token check against the stand-in", () => {
  const key = makeClientKey();
  let mp: FakeMaskinporten;
  const settings = (over: Partial<MaskinportenSettings> = {}): MaskinportenSettings => ({
    env: "test",
    clientId: "vendor-client",
    kid: "vendor-kid",
    privateKeyFile: key.privateKeyFile,
    url: mp.url,
    ...over,
  });
  const check = (consumerOrgnr: string, s = settings(), timeoutMs?: number) =>
    checkDelegatedToken(s, { scope, consumerOrgnr }, { now: new Date(), ...(timeoutMs ? { timeoutMs } : {}) });

  beforeAll(async () => {
    mp = await new FakeMaskinporten({ clientId: "vendor-client", kid: "vendor-kid", publicKey: key.publicKey, supplierOrgnr: vendor }).start();
    mp.clientScopes.add(scope);
    mp.delegate(customer, scope);
    mp.grant(other, scope);
  });
  afterEach(() => {
    mp.mode = "normal";
    mp.tokenConsumer = undefined;
  });
  afterAll(async () => {
    await mp?.stop();
    rmSync(key.dir, { recursive: true, force: true });
  });

  it("gets a token when the customer delegated the scope, naming consumer and supplier", async () => {
    const result = await check(customer);
    expect(result).toEqual({ ok: true, consumer: customer, supplier: vendor });
    const grant = mp.grants.at(-1)!;
    expect(grant.claims).toMatchObject({ aud: mp.url, iss: "vendor-client", scope, consumer_org: customer });
  });

  it("explains MP-251 when the customer was granted the scope but never delegated it", async () => {
    expect(await check(other)).toMatchObject({ ok: false, problem: "not_delegated", detail: expect.stringContaining("MP-251") });
  });

  it("explains MP-250 when the customer was never granted the scope", async () => {
    expect(await check("923609016")).toMatchObject({ ok: false, problem: "never_granted" });
  });

  it("explains MP-200 when the scope is not on the client", async () => {
    const result = await checkDelegatedToken(settings(), { scope: "brreg:reelle/media", consumerOrgnr: customer }, { now: new Date() });
    expect(result).toMatchObject({ ok: false, problem: "scope_not_on_client" });
  });

  it("explains consumer_org = the vendor's own orgnr", async () => {
    expect(await check(vendor)).toMatchObject({ ok: false, problem: "own_orgnr" });
  });

  it("reports a token that names someone else than the customer", async () => {
    mp.tokenConsumer = other;
    expect(await check(customer)).toEqual({ ok: false, problem: "wrong_consumer", detail: other });
  });

  it("is refused with a wrong kid or a key the client does not know", async () => {
    expect(await check(customer, settings({ kid: "old-kid" }))).toMatchObject({ ok: false, problem: "rejected", detail: expect.stringContaining("kid") });
    const stranger = makeClientKey();
    try {
      expect(await check(customer, settings({ privateKeyFile: stranger.privateKeyFile }))).toMatchObject({
        ok: false,
        problem: "rejected",
        detail: expect.stringContaining("signature"),
      });
    } finally {
      rmSync(stranger.dir, { recursive: true, force: true });
    }
  });

  it("says Maskinporten is unreachable on 5xx, on a timeout and with nothing listening", async () => {
    mp.mode = "down";
    expect(await check(customer)).toEqual({ ok: false, problem: "unreachable", detail: "HTTP 503" });
    mp.mode = "slow";
    expect(await check(customer, settings(), 300)).toEqual({ ok: false, problem: "unreachable", detail: "no answer within 300 ms" });
    expect(await check(customer, settings({ url: "http://127.0.0.1:9/" }))).toMatchObject({ ok: false, problem: "unreachable" });
  });

  it("says the key could not be read, without reading it out", async () => {
    const missing = join(key.dir, `${randomUUID()}.pem`);
    expect(await check(customer, settings({ privateKeyFile: missing }))).toMatchObject({ ok: false, problem: "key_unreadable" });
    // A file that is there but no key: its content appears nowhere in the answer.
    const broken = join(key.dir, `${randomUUID()}.pem`);
    const secret = "SECRETKEYMATERIAL".repeat(8);
    writeFileSync(broken, `-----BEGIN PRIVATE KEY-----\n${secret}\n-----END PRIVATE KEY-----\n`);
    const answer = await check(customer, settings({ privateKeyFile: broken }));
    expect(answer).toMatchObject({ ok: false, problem: "key_unreadable" });
    expect(JSON.stringify(answer)).not.toContain("SECRETKEYMATERIAL");
  });

  it("refuses keys RS256 cannot use: not RSA, or RSA under 2048 bits", async () => {
    const write = (pem: string) => {
      const file = join(key.dir, `${randomUUID()}.pem`);
      writeFileSync(file, pem);
      return file;
    };
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const small = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const grants = mp.grants.length;
    expect(await check(customer, settings({ privateKeyFile: write(ec) }))).toMatchObject({ ok: false, problem: "key_unreadable", detail: expect.stringContaining("not RSA") });
    expect(await check(customer, settings({ privateKeyFile: write(small) }))).toMatchObject({ ok: false, problem: "key_unreadable", detail: expect.stringContaining("1024 bits") });
    expect(mp.grants).toHaveLength(grants); // nothing was sent
  });
});
