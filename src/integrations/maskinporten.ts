import { randomUUID, sign } from "node:crypto";
import { z } from "zod";
import type { CaseNotice } from "../domain/notices.js";
import { maskinportenPrefix, type MaskinportenClient } from "../maskinportenSettings.js";
import { credentialsFor, type Credentials } from "./maskinportenCredentials.js";
import { lookUpOrganisation } from "./rrh.js";

// The delegated-token check of DOMAIN.md: a JWT grant (RFC 7523) signed RS256 with the vendor's
// own client key or enterprise certificate, `consumer_org` = the customer. Maskinporten answering
// with a token proves the customer's delegation works end to end; for a TT02 case Brreg's RRH API
// is asked once with it too. The token itself is never returned from here, so it cannot end up
// in a log, the database or a Slack message.

export type { MaskinportenClient };
export type TokenProblem = Extract<CaseNotice, { kind: "token_failed" }>["problem"];

export type TokenCheck =
  | { ok: true; consumer: string | null; supplier: string | null }
  | { ok: false; problem: TokenProblem; detail: string };

export const jwtBearerGrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/** Maskinporten refuses grants that live longer than this. */
export const maxGrantLifetimeSeconds = 120;
export const defaultTimeoutMs = 10_000;

export interface GrantInput {
  client: Pick<MaskinportenClient, "clientId" | "url">;
  scope: string;
  consumerOrgnr: string;
  /** wall-clock time: Maskinporten compares iat/exp with its own clock */
  now: Date;
  jti?: string;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

/**
 * The signed grant (header.claims.signature), RS256 with node:crypto. The header names the key
 * (`kid`) or carries the certificate chain (`x5c`), never both. The claims are exactly Digdir's
 * list for a delegated token: anything else is refused as "Invalid assertion" (MP-011).
 */
export function buildGrant(input: GrantInput, credentials: Credentials): string {
  const iat = Math.floor(input.now.getTime() / 1000);
  const header = { alg: "RS256", ...credentials.header };
  const claims = {
    // The issuer as one string (`https://test.maskinporten.no/`), not the token URL (MP-110).
    aud: input.client.url,
    iss: input.client.clientId,
    iat,
    // A little under the limit, so a clock a few seconds apart does not matter.
    exp: iat + maxGrantLifetimeSeconds - 10,
    jti: input.jti ?? randomUUID(),
    scope: input.scope,
    consumer_org: input.consumerOrgnr,
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign("RSA-SHA256", Buffer.from(signingInput), credentials.privateKey);
  return `${signingInput}.${base64url(signature)}`;
}

/** The form body Maskinporten's token endpoint takes. */
export function tokenRequestBody(grant: string): string {
  return new URLSearchParams({ grant_type: jwtBearerGrantType, assertion: grant }).toString();
}

const tokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
  scope: z.string().optional(),
});

const errorAnswerSchema = z.object({
  error: z.string().max(200),
  error_description: z.string().max(2000).optional(),
});

// Real tokens carry `{"authority": "iso6523-actorid-upis", "ID": "0192:<orgnr>"}`; a plain string
// is read too.
const party = z.union([z.string(), z.object({ ID: z.string() }).transform((p) => p.ID)]).optional();
const tokenClaimsSchema = z.object({ consumer: party, supplier: party });

/** The organisation number of a `0192:<orgnr>` party (ISO 6523, Norwegian register). */
export function orgnrOfParty(id: string | undefined): string | null {
  const m = /^0192:(\d{9})$/.exec(id ?? "");
  return m ? m[1]! : null;
}

// Each code of Digdir's troubleshooting page (DOMAIN.md) has its own explanation with what to do.
const problemOfCode: Record<string, TokenProblem> = {
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
};

/** An error answer of Maskinporten in plain categories (DOMAIN.md's error list). */
export function classifyError(status: number, body: unknown): { problem: TokenProblem; detail: string } {
  // Down, or busy (429 rate limit, 408 timeout): try again later, not a refusal.
  if (status >= 500 || status === 429 || status === 408) return { problem: "unreachable", detail: `HTTP ${status}` };
  const parsed = errorAnswerSchema.safeParse(body);
  if (!parsed.success) return { problem: "rejected", detail: `HTTP ${status}` };
  const detail = [parsed.data.error, parsed.data.error_description].filter(Boolean).join(": ").slice(0, 500);
  // The MP code may stand in `error` or in `error_description`.
  const code = /MP-\d{3}/.exec(detail)?.[0];
  const problem = code ? problemOfCode[code] : undefined;
  if (problem) return { problem, detail };
  if (/combination.*invalid/i.test(detail)) return { problem: "own_orgnr", detail };
  return { problem: "rejected", detail };
}

/**
 * Reads a successful answer: the token must be there, and when it is a JWT its `consumer` must be
 * the customer (a token for someone else means the delegation is not what the case says).
 */
export function readTokenAnswer(body: unknown, customerOrgnr: string): TokenCheck {
  const read = readToken(body, customerOrgnr);
  return read.ok ? { ok: true, consumer: read.consumer, supplier: read.supplier } : read;
}

function readToken(body: unknown, customerOrgnr: string): (Extract<TokenCheck, { ok: true }> & { token: string }) | Extract<TokenCheck, { ok: false }> {
  const parsed = tokenAnswerSchema.safeParse(body);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
    return { ok: false, problem: "bad_answer", detail: where };
  }
  const token = parsed.data.access_token;
  const parts = token.split(".");
  // An opaque (reference) token has nothing to read; the 200 is the proof.
  if (parts.length !== 3) return { ok: true, consumer: null, supplier: null, token };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8"));
  } catch {
    return { ok: true, consumer: null, supplier: null, token };
  }
  const read = tokenClaimsSchema.safeParse(claims);
  const consumer = read.success ? orgnrOfParty(read.data.consumer) : null;
  const supplier = read.success ? orgnrOfParty(read.data.supplier) : null;
  if (consumer && consumer !== customerOrgnr) {
    return { ok: false, problem: "wrong_consumer", detail: consumer };
  }
  return { ok: true, consumer, supplier, token };
}

/**
 * Asks Maskinporten for a token for `scope` on behalf of `consumerOrgnr`, and with `rrh` (TT02
 * cases) asks Brreg's API once with it: ok only when Brreg accepted it too (rrh_refused,
 * rrh_unreachable otherwise). Never throws: every failure becomes a problem with a short detail
 * (never the key, a token, or anything of Brreg's answer but its status).
 */
export async function checkDelegatedToken(
  client: MaskinportenClient,
  request: { scope: string; consumerOrgnr: string },
  options: { now: Date; timeoutMs?: number; rrh?: { url: string } | undefined },
): Promise<TokenCheck> {
  // Not worth a request: Maskinporten would answer MP-200. The settings say which scopes the
  // client has, so this also catches SCOPES being out of date with Samarbeidsportalen.
  if (!client.scopes.some((s) => s === request.scope)) {
    return { ok: false, problem: "scope_not_on_client", detail: `${request.scope} is not in ${maskinportenPrefix(client.env)}SCOPES` };
  }
  let grant: string;
  try {
    const credentials = await credentialsFor(client);
    grant = buildGrant({ client, scope: request.scope, consumerOrgnr: request.consumerOrgnr, now: options.now }, credentials);
  } catch (error) {
    // The message names the file and its problem, never the key's content or the passphrase.
    return { ok: false, problem: "key_unreadable", detail: error instanceof Error ? error.message.slice(0, 300) : "unreadable" };
  }
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(`${client.url}token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: tokenRequestBody(grant),
      signal,
    });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      if (res.ok) return { ok: false, problem: "bad_answer", detail: "not JSON" };
    }
    if (!res.ok) return { ok: false, ...classifyError(res.status, body) };
    const read = readToken(body, request.consumerOrgnr);
    if (!read.ok || !options.rrh) return read.ok ? { ok: true, consumer: read.consumer, supplier: read.supplier } : read;
    const brreg = await lookUpOrganisation(options.rrh.url, request.consumerOrgnr, read.token);
    if (brreg.status === "unreachable") return { ok: false, problem: "rrh_unreachable", detail: brreg.detail };
    if (brreg.status === "refused") return { ok: false, problem: "rrh_refused", detail: `HTTP ${brreg.httpStatus}` };
    return { ok: true, consumer: read.consumer, supplier: read.supplier };
  } catch (error) {
    if (signal.aborted) return { ok: false, problem: "unreachable", detail: `no answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}` };
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return { ok: false, problem: "unreachable", detail: `${error instanceof Error ? error.message : String(error)}${cause}`.slice(0, 300) };
  }
}
