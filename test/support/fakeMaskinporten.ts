import { generateKeyPairSync, randomUUID, verify, type KeyObject } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** An RSA key pair as a vendor makes one for its Maskinporten client; the private key in a PEM file. */
export function makeClientKey(): { privateKeyFile: string; publicKey: KeyObject; dir: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const dir = mkdtempSync(join(tmpdir(), "delegering-mp-"));
  const privateKeyFile = join(dir, "client.pem");
  writeFileSync(privateKeyFile, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  return { privateKeyFile, publicKey, dir };
}

export interface FakeClient {
  clientId: string;
  kid: string;
  publicKey: KeyObject;
  /** the vendor's orgnr: the client's owner, the token's `supplier` */
  supplierOrgnr: string;
}

/** A grant as the stand-in read it (after the signature checked out). */
export interface ReceivedGrant {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/** normal: answers from the tables; down: 503 for everything; slow: never answers. */
export type MaskinportenMode = "normal" | "down" | "slow";

const key = (consumer: string, scope: string) => `${consumer} ${scope}`;
const b64json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * A local stand-in for Maskinporten's token endpoint (DOMAIN.md): it verifies the JWT grant's
 * RS256 signature with the client's public key and checks aud/iss/iat/exp/jti/scope/consumer_org
 * as Maskinporten does, then answers from its tables: MP-200 when the scope is not on the client,
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
  /** access tokens handed out (to check the app never shows them) */
  readonly issuedTokens: string[] = [];
  /** when set, tokens name this consumer instead of the asked one */
  tokenConsumer: string | undefined;
  url = "";
  private readonly seenJti = new Set<string>();
  private server: Server | undefined;
  private readonly hanging = new Set<ServerResponse>();

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

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => this.handle(req, Buffer.concat(chunks).toString("utf8"), res));
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
    if (typeof grant === "string") return this.error(res, "invalid_grant", grant);
    this.grants.push(grant);
    const { claims } = grant;
    const scope = String(claims.scope);
    const consumer = String(claims.consumer_org ?? "");
    if (!this.clientScopes.has(scope)) return this.error(res, "invalid_scope", `MP-200 Scope ${scope} is not allowed for client ${this.client.clientId}`);
    if (consumer === this.client.supplierOrgnr) return this.error(res, "invalid_grant", "The combination of consumer_org and supplier is invalid");
    if (!this.granted.has(key(consumer, scope))) return this.error(res, "invalid_grant", `MP-250 Consumer ${consumer} has not been granted access to the scope ${scope}`);
    if (!this.delegated.has(key(consumer, scope))) {
      return this.error(res, "invalid_grant", `MP-251 Consumer ${consumer} has not delegated access to the scope ${scope} to supplier ${this.client.supplierOrgnr}`);
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
  private readGrant(assertion: string): ReceivedGrant | string {
    const parts = assertion.split(".");
    if (parts.length !== 3) return "Invalid assertion. Not a JWT";
    let header: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(parts[0]!, "base64url").toString("utf8")) as Record<string, unknown>;
      claims = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
    } catch {
      return "Invalid assertion. Malformed JWT";
    }
    if (header.alg !== "RS256") return `Invalid assertion. Unsupported alg ${String(header.alg)}`;
    if (header.kid !== this.client.kid) return "Invalid assertion. Client authentication failed. Unknown kid";
    const signed = verify("RSA-SHA256", Buffer.from(`${parts[0]}.${parts[1]}`), this.client.publicKey, Buffer.from(parts[2]!, "base64url"));
    if (!signed) return "Invalid assertion. Client authentication failed. Invalid JWT signature";
    const now = Math.floor(Date.now() / 1000);
    if (claims.aud !== this.url) return `Invalid assertion. Invalid audience ${String(claims.aud)}`;
    if (claims.iss !== this.client.clientId) return "Invalid assertion. Client authentication failed. Unknown client";
    if (typeof claims.iat !== "number" || typeof claims.exp !== "number") return "Invalid assertion. iat and exp are required";
    if (claims.exp - claims.iat > 120) return "Invalid assertion. The JWT lifetime is longer than 120 seconds";
    if (claims.exp <= now || claims.iat > now + 10) return "Invalid assertion. The JWT is expired or not yet valid";
    if (typeof claims.jti !== "string" || claims.jti.length === 0) return "Invalid assertion. jti is required";
    if (this.seenJti.has(claims.jti)) return "Invalid assertion. The jti has been used before";
    this.seenJti.add(claims.jti);
    if (typeof claims.scope !== "string" || claims.scope.length === 0) return "Invalid assertion. scope is required";
    if (claims.consumer_org !== undefined && (typeof claims.consumer_org !== "string" || !/^\d{9}$/.test(claims.consumer_org))) {
      return "Invalid assertion. consumer_org must be an organisation number";
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
