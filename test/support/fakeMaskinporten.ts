import { execFileSync } from "node:child_process";
import { generateKeyPairSync, randomUUID, verify, X509Certificate, type KeyObject } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import forge from "node-forge";

/** An RSA key pair as a vendor makes one for its Maskinporten client; the private key in a PEM file. */
export function makeClientKey(): { privateKeyFile: string; publicKey: KeyObject; dir: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const dir = mkdtempSync(join(tmpdir(), "delegering-mp-"));
  const privateKeyFile = join(dir, "client.pem");
  writeFileSync(privateKeyFile, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  return { privateKeyFile, publicKey, dir };
}

/** Whether `openssl` can be run here: it makes the PKCS#12 files real exports are made with. */
export const hasOpenssl = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

export interface ClientCertificate {
  dir: string;
  passphrase: string;
  /** the CA that issued the leaf: what the stand-in trusts */
  ca: X509Certificate;
  leaf: X509Certificate;
  /** PEM: CA certificate, then the key encrypted with the passphrase, then the leaf (out of order on purpose) */
  pemFile: string;
  /** PKCS#12 made by node-forge: key in 3DES (pbeWithSHAAnd3-KeyTripleDES-CBC), SHA-1 MAC */
  p12ForgeFile: string;
  /** PKCS#12 by `openssl pkcs12 -export`: OpenSSL 3's default, PBES2 AES-256-CBC + PBKDF2 (when openssl is here) */
  p12ModernFile?: string;
  /** the same with `-legacy`: RC2-40 certificates, 3DES key, SHA-1 MAC (when openssl is here) */
  p12LegacyFile?: string;
}

/**
 * An enterprise certificate as a vendor gets one: a CA issues a leaf whose subject carries the
 * orgnr (serialNumber, as Norwegian virksomhetssertifikater do). Made fresh in a temp dir, so no
 * key is ever committed.
 */
export function makeClientCertificate(orgnr: string, options: { passphrase?: string; expired?: boolean; validDays?: number } = {}): ClientCertificate {
  const dir = mkdtempSync(join(tmpdir(), "delegering-mp-cert-"));
  const passphrase = options.passphrase ?? "hemmelig passord æøå";
  const pems = (bits: number) => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: bits });
    return privateKey;
  };
  const caKey = pems(2048);
  const leafKey = pems(2048);
  const toForge = (k: KeyObject) => forge.pki.privateKeyFromPem(k.export({ type: "pkcs1", format: "pem" }).toString());
  const forgeCaKey = toForge(caKey);
  const forgeLeafKey = toForge(leafKey);
  const now = Date.now();
  const make = (subject: forge.pki.CertificateField[], issuer: forge.pki.CertificateField[], key: forge.pki.rsa.PrivateKey, signer: forge.pki.rsa.PrivateKey, ca: boolean) => {
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
    cert.serialNumber = `0${randomUUID().replace(/-/g, "").slice(0, 15)}`;
    cert.validity.notBefore = new Date(now - 86_400_000 * (options.expired && !ca ? 400 : 1));
    cert.validity.notAfter = new Date(now + 86_400_000 * (options.expired && !ca ? -1 : !ca && options.validDays !== undefined ? options.validDays : 365));
    cert.setSubject(subject);
    cert.setIssuer(issuer);
    cert.setExtensions([
      { name: "basicConstraints", cA: ca, critical: true },
      { name: "keyUsage", critical: true, ...(ca ? { keyCertSign: true, cRLSign: true } : { digitalSignature: true }) },
    ]);
    cert.sign(signer, forge.md.sha256.create());
    return cert;
  };
  const caName = [{ name: "countryName", value: "NO" }, { name: "organizationName", value: "Test CA AS" }, { name: "commonName", value: "Test Enterprise CA" }];
  const leafName = [
    { name: "countryName", value: "NO" },
    { name: "organizationName", value: "LEVERANDØR AS" },
    { name: "serialNumber", value: orgnr },
    { name: "commonName", value: "LEVERANDØR AS" },
  ];
  const caCert = make(caName, caName, forgeCaKey, forgeCaKey, true);
  const leafCert = make(leafName, caName, forgeLeafKey, forgeCaKey, false);
  const caPem = forge.pki.certificateToPem(caCert);
  const leafPem = forge.pki.certificateToPem(leafCert);

  const pemFile = join(dir, "virksomhet.pem");
  const encryptedKey = leafKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase }).toString();
  writeFileSync(pemFile, `${caPem}${encryptedKey}${leafPem}`, { mode: 0o600 });

  const p12ForgeFile = join(dir, "forge.p12");
  const p12 = forge.pkcs12.toPkcs12Asn1(forgeLeafKey, [leafCert, caCert], passphrase, { algorithm: "3des" });
  writeFileSync(p12ForgeFile, Buffer.from(forge.asn1.toDer(p12).getBytes(), "binary"), { mode: 0o600 });

  const result: ClientCertificate = { dir, passphrase, ca: new X509Certificate(caPem), leaf: new X509Certificate(leafPem), pemFile, p12ForgeFile };
  if (hasOpenssl) {
    const keyFile = join(dir, "leaf.key");
    const leafFile = join(dir, "leaf.crt");
    const caFile = join(dir, "ca.crt");
    writeFileSync(keyFile, leafKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
    writeFileSync(leafFile, leafPem);
    writeFileSync(caFile, caPem);
    const exportP12 = (out: string, legacy: boolean) => {
      // The passphrase through the environment, not the command line.
      execFileSync("openssl", ["pkcs12", "-export", ...(legacy ? ["-legacy"] : []), "-in", leafFile, "-certfile", caFile, "-inkey", keyFile, "-out", out, "-passout", "env:P12_PASS"], {
        env: { ...process.env, P12_PASS: passphrase },
        stdio: "ignore",
      });
      return out;
    };
    result.p12ModernFile = exportP12(join(dir, "modern.p12"), false);
    result.p12LegacyFile = exportP12(join(dir, "legacy.p12"), true);
  }
  return result;
}

export interface FakeClient {
  clientId: string;
  /** the key registered on the client, named by kid in the grant's header */
  kid?: string;
  publicKey?: KeyObject;
  /**
   * For a client authenticated with the enterprise certificate: the certificate it trusts, the
   * leaf itself or the CA that issued it. The leaf's orgnr must be supplierOrgnr (MP-122).
   */
  trustedCertificate?: X509Certificate;
  /** the vendor's orgnr: the client's owner, the token's `supplier` */
  supplierOrgnr: string;
}

/** A grant as the stand-in read it (after the signature checked out). */
export interface ReceivedGrant {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/** What Maskinporten answers a grant it refuses: `error`, and the MP code in `error_description`. */
interface Refusal {
  error: string;
  description: string;
}

// Digdir's list of grant claims; anything else is "Invalid assertion" (DOMAIN.md).
const knownClaims = new Set(["aud", "iss", "iat", "exp", "jti", "scope", "resource", "consumer_org", "iss_onbehalfof", "authorization_details"]);

/** The orgnr of a Norwegian enterprise certificate: serialNumber, or organizationIdentifier NTRNO-<orgnr>. */
function orgnrOfCertificate(cert: X509Certificate): string | undefined {
  const m = /(?:^|\n)(?:serialNumber|organizationIdentifier)=(?:NTRNO-)?(\d{9})(?:\n|$)/.exec(cert.subject);
  return m?.[1];
}

/** normal: answers from the tables; down: 503 for everything; slow: never answers. */
export type MaskinportenMode = "normal" | "down" | "slow";

const key = (consumer: string, scope: string) => `${consumer} ${scope}`;
const b64json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * A local stand-in for Maskinporten's token endpoint (DOMAIN.md): it verifies the JWT grant's
 * RS256 signature with the client's registered public key (`kid`) or with the certificate in
 * `x5c` (which must be the trusted one or issued by it, and carry the client's orgnr), and checks
 * aud/iss/iat/exp/jti/scope/consumer_org and the claim set as Maskinporten does, refusing with
 * its codes (MP-011, MP-012, MP-100, MP-110, MP-120, MP-122, MP-123, MP-124, MP-130). Then it
 * answers from its tables: MP-200 when the scope is not on the client,
 * "combination … invalid" for the vendor's own orgnr, MP-250 when the customer was never granted
 * the scope, MP-251 when it has not delegated it, else 200 with a JWT-shaped token naming
 * consumer and supplier.
 */
export class FakeMaskinporten {
  mode: MaskinportenMode = "normal";
  /** scopes added to the client in Samarbeidsportalen */
  readonly clientScopes = new Set<string>();
  /** consumer+scope pairs Brreg granted */
  private readonly granted = new Set<string>();
  /** consumer+scope pairs the customer delegated to the supplier */
  private readonly delegated = new Set<string>();
  /** every grant that passed the signature check, in order */
  readonly grants: ReceivedGrant[] = [];
  /** every POST to /token, refused or not, in any mode: what "the same number of requests" counts */
  tokenRequests = 0;
  /** access tokens handed out (to check the app never shows them) */
  readonly issuedTokens: string[] = [];
  /** when set, tokens name this consumer instead of the asked one */
  tokenConsumer: string | undefined;
  /** the registered key has passed its year: grants signed with it get MP-121 */
  keyExpired = false;
  url = "";
  private readonly seenJti = new Set<string>();
  private server: Server | undefined;
  private readonly hanging = new Set<ServerResponse>();
  /** answers kept back by holdAnswers(), given when it is released */
  private held: Array<() => void> | undefined;

  constructor(readonly client: FakeClient) {}

  /** Brreg gave the customer the scope (it may delegate it). */
  grant(consumer: string, scope: string): this {
    this.granted.add(key(consumer, scope));
    return this;
  }

  /** The customer delegated the scope to the supplier in Altinn (granted too). */
  delegate(consumer: string, scope: string): this {
    this.grant(consumer, scope);
    this.delegated.add(key(consumer, scope));
    return this;
  }

  /** The customer removed the delegation in Altinn (it keeps the grant): MP-251 from now on. */
  revoke(consumer: string, scope: string): this {
    this.delegated.delete(key(consumer, scope));
    return this;
  }

  /**
   * Keeps every answer back (the requests are counted as they come) until the returned function
   * is called: lets a test act while the app waits for Maskinporten.
   */
  holdAnswers(): () => void {
    const held: Array<() => void> = (this.held = []);
    return () => {
      if (this.held === held) this.held = undefined;
      for (const answer of held.splice(0)) answer();
    };
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        if (req.method === "POST" && req.url === "/token") this.tokenRequests += 1;
        const answer = () => this.handle(req, Buffer.concat(chunks).toString("utf8"), res);
        if (this.held) this.held.push(answer);
        else answer();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    if (req.method !== "POST" || req.url !== "/token") return this.json(res, 404, { error: "not_found" });
    if (this.mode === "slow") {
      this.hanging.add(res);
      return;
    }
    if (this.mode === "down") return this.json(res, 503, { error: "temporarily_unavailable" });
    if (!/^application\/x-www-form-urlencoded/.test(req.headers["content-type"] ?? "")) {
      return this.error(res, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
    }
    const form = new URLSearchParams(body);
    if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer") {
      return this.error(res, "unsupported_grant_type", "Invalid grant_type");
    }
    const grant = this.readGrant(form.get("assertion") ?? "");
    if ("error" in grant) return this.error(res, grant.error, grant.description);
    this.grants.push(grant);
    const { claims } = grant;
    const scope = String(claims.scope);
    const consumer = typeof claims.consumer_org === "string" ? claims.consumer_org : "";
    if (!this.clientScopes.has(scope)) return this.error(res, "invalid_scope", `MP-200: Scope ${scope} is not allowed for client ${this.client.clientId}`);
    if (consumer === this.client.supplierOrgnr) return this.error(res, "invalid_grant", "The combination of consumer_org and supplier is invalid");
    if (!this.granted.has(key(consumer, scope))) return this.error(res, "invalid_grant", `MP-250: Consumer ${consumer} has not been granted access to the scope ${scope}`);
    if (!this.delegated.has(key(consumer, scope))) {
      return this.error(res, "invalid_grant", `MP-251: Consumer ${consumer} has not delegated access to the scope ${scope} to supplier ${this.client.supplierOrgnr}`);
    }
    const now = Math.floor(Date.now() / 1000);
    const party = (orgnr: string) => ({ authority: "iso6523-actorid-upis", ID: `0192:${orgnr}` });
    const token = [
      b64json({ kid: "fake-mp", alg: "RS256" }),
      b64json({
        scope,
        iss: this.url,
        client_amr: "private_key_jwt",
        token_type: "Bearer",
        exp: now + 120,
        iat: now,
        client_id: this.client.clientId,
        jti: randomUUID(),
        consumer: party(this.tokenConsumer ?? consumer),
        supplier: party(this.client.supplierOrgnr),
        delegation_source: "https://tt02.altinn.no",
      }),
      Buffer.from(randomUUID()).toString("base64url"),
    ].join(".");
    this.issuedTokens.push(token);
    this.json(res, 200, { access_token: token, token_type: "Bearer", expires_in: 120, scope });
  }

  /** The grant's header and claims, or what Maskinporten would say is wrong with it. */
  private readGrant(assertion: string): ReceivedGrant | Refusal {
    const refuse = (code: string, text: string): Refusal => ({ error: "invalid_grant", description: `${code}: ${text}` });
    const parts = assertion.split(".");
    if (parts.length !== 3) return refuse("MP-011", "Invalid assertion. Not a JWT");
    let header: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(parts[0]!, "base64url").toString("utf8")) as Record<string, unknown>;
      claims = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
    } catch {
      return refuse("MP-011", "Invalid assertion. Malformed JWT");
    }
    if (header.alg !== "RS256") return refuse("MP-011", `Invalid assertion. Unsupported alg ${String(header.alg)}`);
    const unknown = Object.keys(claims).filter((c) => !knownClaims.has(c));
    if (unknown.length > 0) return refuse("MP-011", `Invalid assertion. Unknown claims ${unknown.join(", ")}`);
    if (claims.consumer_org !== undefined && claims.iss_onbehalfof !== undefined) return refuse("MP-011", "Invalid assertion. consumer_org and iss_onbehalfof exclude each other");
    if (claims.iss !== this.client.clientId) return refuse("MP-100", "Invalid assertion. Client authentication failed. Client not found");

    // Who signed: the registered key named by kid, or the certificate chain in x5c.
    let publicKey: KeyObject;
    if (header.x5c !== undefined) {
      const x5c = header.x5c;
      if (!Array.isArray(x5c) || x5c.length === 0 || !x5c.every((c): c is string => typeof c === "string")) {
        return refuse("MP-123", "Failed to extract certificate from jwt: x5c must be an array of strings");
      }
      let chain: X509Certificate[];
      try {
        chain = x5c.map((c) => new X509Certificate(Buffer.from(c, "base64")));
      } catch {
        return refuse("MP-123", "Failed to extract certificate from jwt");
      }
      const leaf = chain[0]!;
      const trusted = this.client.trustedCertificate;
      const now = new Date();
      const trustedLeaf = trusted !== undefined && (leaf.fingerprint256 === trusted.fingerprint256 || (leaf.checkIssued(trusted) && leaf.verify(trusted.publicKey)));
      if (!trustedLeaf || new Date(leaf.validTo) < now || new Date(leaf.validFrom) > now) return refuse("MP-120", "Invalid certificate");
      if (orgnrOfCertificate(leaf) !== this.client.supplierOrgnr) return refuse("MP-122", "The certificate's organization number does not match the client's");
      publicKey = leaf.publicKey;
    } else if (header.kid !== undefined) {
      if (header.kid !== this.client.kid || !this.client.publicKey) return refuse("MP-100", "Invalid assertion. Client authentication failed. Unknown kid");
      if (this.keyExpired) return refuse("MP-121", "Invalid assertion. Client authentication failed. The key has expired");
      publicKey = this.client.publicKey;
    } else {
      return refuse("MP-011", "Invalid assertion. The header has neither kid nor x5c");
    }
    const signed = verify("RSA-SHA256", Buffer.from(`${parts[0]}.${parts[1]}`), publicKey, Buffer.from(parts[2]!, "base64url"));
    if (!signed) return refuse("MP-124", "Invalid assertion. Client authentication failed. Invalid JWT signature");

    const now = Math.floor(Date.now() / 1000);
    if (claims.aud !== this.url) return refuse("MP-110", `Invalid assertion. Client authentication failed. Invalid JWT claim aud ${String(claims.aud)}`);
    if (typeof claims.iat !== "number" || typeof claims.exp !== "number") return refuse("MP-011", "Invalid assertion. iat and exp are required");
    if (claims.exp - claims.iat > 120) return refuse("MP-130", "Invalid assertion. The JWT lifetime is longer than 120 seconds");
    if (claims.exp <= now || claims.iat > now + 10) return refuse("MP-130", "JWT is expired or not yet valid");
    if (typeof claims.jti !== "string" || claims.jti.length === 0) return refuse("MP-011", "Invalid assertion. jti is required");
    if (this.seenJti.has(claims.jti)) return refuse("MP-012", "Grant is used before");
    this.seenJti.add(claims.jti);
    if (typeof claims.scope !== "string" || claims.scope.length === 0) return refuse("MP-011", "Invalid assertion. scope is required");
    if (claims.consumer_org !== undefined && (typeof claims.consumer_org !== "string" || !/^\d{9}$/.test(claims.consumer_org))) {
      return refuse("MP-011", "Invalid assertion. consumer_org must be an organisation number");
    }
    return { header, claims };
  }

  private error(res: ServerResponse, error: string, description: string): void {
    this.json(res, 400, { error, error_description: description });
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }
}
