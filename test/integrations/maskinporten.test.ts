import { createPrivateKey, generateKeyPairSync, randomUUID, sign, verify } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { scopes } from "../../src/domain/scopes.js";
import {
  buildGrant,
  checkDelegatedToken,
  classifyError,
  readTokenAnswer,
  tokenRequestBody,
  type MaskinportenClient,
} from "../../src/integrations/maskinporten.js";
import { credentialsFor, loadCredentials } from "../../src/integrations/maskinportenCredentials.js";
import { FakeMaskinporten, hasOpenssl, makeClientCertificate, makeClientKey, type ClientCertificate } from "../support/fakeMaskinporten.js";

const vendor = "920012345";
const customer = "812345672";
const other = "974760673";
const scope = "brreg:reelle/rapporteringspliktig";

const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
const jwt = (claims: Record<string, unknown>) => [{ alg: "RS256" }, claims].map((p) => Buffer.from(JSON.stringify(p)).toString("base64url")).join(".") + ".sig";

describe("Maskinporten grant", () => {
  const key = makeClientKey();
  afterAll(() => rmSync(key.dir, { recursive: true, force: true }));

  const credentials = { privateKey: createPrivateKey(readFileSync(key.privateKeyFile, "utf8")), header: { kid: "kid-1" } };
  const client = { clientId: "client-1", url: "https://test.maskinporten.no/" };

  it("is an RS256 JWT with kid, signed by the client key, carrying exactly DOMAIN.md's claims", () => {
    const now = new Date("2026-11-24T10:00:00Z");
    const grant = buildGrant({ client, scope, consumerOrgnr: customer, now }, credentials);
    const [h, c, s] = grant.split(".");
    expect(decode(h!)).toEqual({ alg: "RS256", kid: "kid-1" });
    const claims = decode(c!);
    expect(Object.keys(claims).sort()).toEqual(["aud", "consumer_org", "exp", "iat", "iss", "jti", "scope"]);
    expect(claims).toMatchObject({ aud: "https://test.maskinporten.no/", iss: "client-1", iat: now.getTime() / 1000, scope, consumer_org: customer });
    // under the limit, with a margin for clocks a few seconds apart
    expect(Number(claims.exp) - Number(claims.iat)).toBe(110);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(verify("RSA-SHA256", Buffer.from(`${h}.${c}`), key.publicKey, Buffer.from(s!, "base64url"))).toBe(true);
    // a fresh jti each time: Maskinporten refuses a replayed grant
    const again = buildGrant({ client, scope, consumerOrgnr: customer, now }, credentials);
    expect(decode(again.split(".")[1]!).jti).not.toBe(claims.jti);
  });

  it("carries x5c (base64 DER, leaf first) and no kid for a certificate client", () => {
    const leafKey = credentials.privateKey;
    const grant = buildGrant({ client, scope, consumerOrgnr: customer, now: new Date() }, { privateKey: leafKey, header: { x5c: ["TEVBRg==", "Q0E="] } });
    const [h, c, s] = grant.split(".");
    expect(decode(h!)).toEqual({ alg: "RS256", x5c: ["TEVBRg==", "Q0E="] });
    expect(Object.keys(decode(c!)).sort()).toEqual(["aud", "consumer_org", "exp", "iat", "iss", "jti", "scope"]);
    expect(verify("RSA-SHA256", Buffer.from(`${h}.${c}`), key.publicKey, Buffer.from(s!, "base64url"))).toBe(true);
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
    expect(classifyError(400, e("MP-999 Something new"))).toMatchObject({ problem: "rejected" });
    expect(classifyError(503, null)).toEqual({ problem: "unreachable", detail: "HTTP 503" });
    expect(classifyError(429, { error: "rate_limited" })).toEqual({ problem: "unreachable", detail: "HTTP 429" });
    expect(classifyError(400, "<html>")).toEqual({ problem: "rejected", detail: "HTTP 400" });
  });

  it("gives every code of Digdir's list its own problem", () => {
    const codes = {
      "MP-011": "malformed_grant",
      "MP-012": "grant_reused",
      "MP-100": "client_not_found",
      "MP-110": "wrong_audience",
      "MP-120": "certificate_invalid",
      "MP-121": "key_expired",
      "MP-122": "certificate_wrong_org",
      "MP-123": "bad_x5c",
      "MP-124": "bad_signature",
      "MP-130": "grant_expired",
      "MP-200": "scope_not_on_client",
      "MP-201": "scope_wrong_integration",
      "MP-250": "never_granted",
      "MP-251": "not_delegated",
    } as const;
    for (const [code, problem] of Object.entries(codes)) {
      expect(classifyError(400, { error: "invalid_grant", error_description: `${code}: something` }), code).toEqual({ problem, detail: `invalid_grant: ${code}: something` });
      expect(classifyError(401, { error: `invalid_client (${code})` }).problem, code).toBe(problem);
    }
    expect(new Set(Object.values(codes)).size).toBe(Object.keys(codes).length);
    expect(classifyError(400, { error: "invalid_request", error_description: "The combination of consumer_org and supplier is invalid" }).problem).toBe("own_orgnr");
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
  const settings = (over: { kid?: string; privateKeyFile?: string; url?: string; scopes?: MaskinportenClient["scopes"] } = {}): MaskinportenClient => ({
    env: "test",
    clientId: "vendor-client",
    url: over.url ?? mp.url,
    scopes: over.scopes ?? [...scopes],
    auth: { kind: "key", kid: over.kid ?? "vendor-kid", privateKeyFile: over.privateKeyFile ?? key.privateKeyFile },
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

  it("does not ask for a scope the settings say the client lacks", async () => {
    const requests = mp.tokenRequests;
    expect(await check(customer, settings({ scopes: ["brreg:reelle/media"] }))).toEqual({
      ok: false,
      problem: "scope_not_on_client",
      detail: `${scope} is not in MASKINPORTEN_TEST_SCOPES`,
    });
    expect(mp.tokenRequests).toBe(requests);
  });

  it("loads the key once per client, not per request", async () => {
    const client = settings();
    const first = await credentialsFor(client);
    expect(await credentialsFor(client)).toBe(first);
    expect(await check(customer, client)).toMatchObject({ ok: true });
    expect(await credentialsFor(client)).toBe(first);
  });

  it("is refused with a wrong kid (MP-100) or a key the client does not know (MP-124)", async () => {
    expect(await check(customer, settings({ kid: "old-kid" }))).toMatchObject({ ok: false, problem: "client_not_found", detail: expect.stringContaining("kid") });
    const stranger = makeClientKey();
    try {
      expect(await check(customer, settings({ privateKeyFile: stranger.privateKeyFile }))).toMatchObject({
        ok: false,
        problem: "bad_signature",
        detail: expect.stringContaining("MP-124"),
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
    expect(await check(customer, settings({ privateKeyFile: missing }))).toMatchObject({ ok: false, problem: "key_unreadable", detail: expect.stringContaining(missing) });
    // A file that is there but no key: its content appears nowhere in the answer.
    const broken = join(key.dir, `${randomUUID()}.pem`);
    const secret = "SECRETKEYMATERIAL".repeat(8);
    writeFileSync(broken, `-----BEGIN PRIVATE KEY-----\n${secret}\n-----END PRIVATE KEY-----\n`);
    const answer = await check(customer, settings({ privateKeyFile: broken }));
    expect(answer).toMatchObject({ ok: false, problem: "key_unreadable", detail: expect.stringContaining(broken) });
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

describe("a client with the enterprise certificate (x5c)", () => {
  let cert: ClientCertificate;
  let mp: FakeMaskinporten;
  const client = (certificateFile: string, passphrase?: string): MaskinportenClient => ({
    env: "test",
    clientId: "cert-client",
    url: mp.url,
    scopes: [scope],
    auth: { kind: "certificate", certificateFile, ...(passphrase !== undefined ? { passphrase } : {}) },
  });
  const check = (c: MaskinportenClient) => checkDelegatedToken(c, { scope, consumerOrgnr: customer }, { now: new Date() });

  beforeAll(async () => {
    cert = makeClientCertificate(vendor);
    mp = await new FakeMaskinporten({ clientId: "cert-client", trustedCertificate: cert.ca, supplierOrgnr: vendor }).start();
    mp.clientScopes.add(scope);
    mp.delegate(customer, scope);
  });
  afterAll(async () => {
    await mp?.stop();
    rmSync(cert.dir, { recursive: true, force: true });
  });

  const files = () =>
    [
      ["a PEM file with the chain and the key encrypted with the passphrase", cert.pemFile],
      ["a PKCS#12 file with 3DES (node-forge)", cert.p12ForgeFile],
      ["a PKCS#12 file in OpenSSL 3's default encryption (AES-256-CBC, PBKDF2)", cert.p12ModernFile],
      ["a PKCS#12 file in the legacy encryption (openssl -legacy: RC2-40, 3DES)", cert.p12LegacyFile],
    ] as const;

  for (const [index, name] of ["pem", "forge", "modern", "legacy"].entries()) {
    it.skipIf(index >= 2 && !hasOpenssl)(`reads ${name}: x5c is the chain leaf first, and the stand-in gives a token`, async () => {
      const [, file] = files()[index]!;
      const credentials = await loadCredentials({ kind: "certificate", certificateFile: file!, passphrase: cert.passphrase });
      expect(credentials.header).toEqual({ x5c: [cert.leaf.raw.toString("base64"), cert.ca.raw.toString("base64")] });
      expect(await check(client(file!, cert.passphrase))).toEqual({ ok: true, consumer: customer, supplier: vendor });
      const { header } = mp.grants.at(-1)!;
      expect(header).toEqual({ alg: "RS256", x5c: [cert.leaf.raw.toString("base64"), cert.ca.raw.toString("base64")] });
    });
  }

  it("says what is wrong with the file without the passphrase or key material", async () => {
    for (const file of [cert.pemFile, cert.p12ForgeFile, ...(cert.p12ModernFile ? [cert.p12ModernFile] : [])]) {
      const wrong = await check(client(file, "feil passord"));
      expect(wrong).toMatchObject({ ok: false, problem: "key_unreadable", detail: expect.stringContaining(file) });
      expect(JSON.stringify(wrong)).toMatch(/passphrase/);
      const none = await check(client(file));
      expect(none).toMatchObject({ ok: false, problem: "key_unreadable", detail: expect.stringMatching(/passphrase/) });
      expect(JSON.stringify([wrong, none])).not.toContain(cert.passphrase);
    }
    const text = readFileSync(cert.pemFile, "utf8");
    const keyOnly = join(cert.dir, "key-only.pem");
    writeFileSync(keyOnly, text.replace(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n?/g, ""));
    expect(await check(client(keyOnly, cert.passphrase))).toMatchObject({ ok: false, problem: "key_unreadable", detail: expect.stringContaining("no certificate") });
  });

  it("is refused by the stand-in when the certificate is another organisation's (MP-122) or not trusted (MP-120)", async () => {
    const stranger = makeClientCertificate(other);
    try {
      expect(await check(client(stranger.pemFile, stranger.passphrase))).toMatchObject({ ok: false, problem: "certificate_invalid" });
      mp.client.trustedCertificate = stranger.ca;
      expect(await check(client(stranger.pemFile, stranger.passphrase))).toMatchObject({ ok: false, problem: "certificate_wrong_org", detail: expect.stringContaining("MP-122") });
    } finally {
      mp.client.trustedCertificate = cert.ca;
      rmSync(stranger.dir, { recursive: true, force: true });
    }
  });

  it("refuses an expired certificate before sending anything", async () => {
    const expired = makeClientCertificate(vendor, { expired: true });
    try {
      const requests = mp.tokenRequests;
      expect(await check(client(expired.pemFile, expired.passphrase))).toMatchObject({ ok: false, problem: "key_unreadable", detail: expect.stringContaining("expired") });
      expect(mp.tokenRequests).toBe(requests);
    } finally {
      rmSync(expired.dir, { recursive: true, force: true });
    }
  });
});

describe("the stand-in refuses grants as Maskinporten does", () => {
  const key = makeClientKey();
  const privateKey = createPrivateKey(readFileSync(key.privateKeyFile, "utf8"));
  let mp: FakeMaskinporten;

  beforeAll(async () => {
    mp = await new FakeMaskinporten({ clientId: "vendor-client", kid: "vendor-kid", publicKey: key.publicKey, supplierOrgnr: vendor }).start();
    mp.clientScopes.add(scope);
    mp.delegate(customer, scope);
  });
  afterAll(async () => {
    await mp?.stop();
    rmSync(key.dir, { recursive: true, force: true });
  });

  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const claims = (over: Record<string, unknown> = {}) => {
    const iat = Math.floor(Date.now() / 1000);
    return { aud: mp.url, iss: "vendor-client", iat, exp: iat + 100, jti: randomUUID(), scope, consumer_org: customer, ...over };
  };
  const send = async (header: Record<string, unknown>, body: Record<string, unknown>, signer = privateKey) => {
    const input = `${b64(header)}.${b64(body)}`;
    const grant = `${input}.${sign("RSA-SHA256", Buffer.from(input), signer).toString("base64url")}`;
    const res = await fetch(`${mp.url}token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: tokenRequestBody(grant) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const kid = { alg: "RS256", kid: "vendor-kid" };
  const refusedWith = (code: string) => ({ status: 400, body: { error: expect.any(String), error_description: expect.stringContaining(code) } });

  it("accepts a well-formed grant, and counts every request", async () => {
    const before = mp.tokenRequests;
    expect((await send(kid, claims())).status).toBe(200);
    expect(mp.tokenRequests).toBe(before + 1);
  });

  it("exp more than 120 s after iat: MP-130", async () => {
    const iat = Math.floor(Date.now() / 1000);
    expect(await send(kid, claims({ iat, exp: iat + 121 }))).toMatchObject(refusedWith("MP-130"));
  });

  it("aud other than the issuer (the token URL, say): MP-110", async () => {
    expect(await send(kid, claims({ aud: `${mp.url}token` }))).toMatchObject(refusedWith("MP-110"));
  });

  it("a jti used twice: MP-012", async () => {
    const once = claims();
    expect((await send(kid, once)).status).toBe(200);
    expect(await send(kid, once)).toMatchObject(refusedWith("MP-012"));
  });

  it("claims not in Digdir's list: MP-011 Invalid assertion", async () => {
    const answer = await send(kid, claims({ sub: "vendor-client" }));
    expect(answer).toMatchObject(refusedWith("MP-011"));
    expect(String(answer.body.error_description)).toMatch(/Invalid assertion/);
  });

  it("neither kid nor x5c: MP-011; x5c not an array of strings: MP-123; a bad signature: MP-124", async () => {
    expect(await send({ alg: "RS256" }, claims())).toMatchObject(refusedWith("MP-011"));
    expect(await send({ alg: "RS256", x5c: "MIIB..." }, claims())).toMatchObject(refusedWith("MP-123"));
    expect(await send({ alg: "RS256", x5c: [1, 2] }, claims())).toMatchObject(refusedWith("MP-123"));
    const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    expect(await send(kid, claims(), stranger)).toMatchObject(refusedWith("MP-124"));
  });

  it("answers MP-251 until the customer delegates, a token after", async () => {
    const late = "923609016";
    mp.grant(late, scope);
    const ask = () => send(kid, claims({ consumer_org: late }));
    expect(await ask()).toMatchObject(refusedWith("MP-251"));
    mp.delegate(late, scope);
    expect((await ask()).status).toBe(200);
  });

  it("down: 503; slow: no answer", async () => {
    mp.mode = "down";
    expect((await send(kid, claims())).status).toBe(503);
    mp.mode = "slow";
    await expect(fetch(`${mp.url}token`, { method: "POST", body: "", signal: AbortSignal.timeout(200) })).rejects.toThrow();
    mp.mode = "normal";
  });
});
