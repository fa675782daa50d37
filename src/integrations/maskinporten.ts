import { createPrivateKey, randomUUID, sign, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { Config } from "../config.js";
import type { CaseNotice } from "../domain/notices.js";

// The delegated-token check of DOMAIN.md: a JWT grant (RFC 7523) signed RS256 with the vendor's
// own client key, `consumer_org` = the customer. Maskinporten answering with a token proves the
// customer's delegation works end to end. The token itself is never returned from here, so it
// cannot end up in a log, the database or a Slack message.

export type MaskinportenSettings = NonNullable<Config["maskinporten"]>;
export type TokenProblem = Extract<CaseNotice, { kind: "token_failed" }>["problem"];

export type TokenCheck =
  | { ok: true; consumer: string | null; supplier: string | null }
  | { ok: false; problem: TokenProblem; detail: string };

export const jwtBearerGrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/** Maskinporten refuses grants that live longer than this. */
export const maxGrantLifetimeSeconds = 120;
export const defaultTimeoutMs = 10_000;

export interface GrantInput {
  settings: Pick<MaskinportenSettings, "clientId" | "kid" | "url">;
  scope: string;
  consumerOrgnr: string;
  /** wall-clock time: Maskinporten compares iat/exp with its own clock */
  now: Date;
  jti?: string;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

/** The signed grant (header.claims.signature), RS256 with node:crypto. */
export function buildGrant(input: GrantInput, key: KeyObject): string {
  const iat = Math.floor(input.now.getTime() / 1000);
  const header = { alg: "RS256", kid: input.settings.kid };
  const claims = {
    aud: input.settings.url,
    iss: input.settings.clientId,
    iat,
    // A little under the limit, so a clock a few seconds apart does not matter.
    exp: iat + maxGrantLifetimeSeconds - 10,
    jti: input.jti ?? randomUUID(),
    scope: input.scope,
    consumer_org: input.consumerOrgnr,
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign("RSA-SHA256", Buffer.from(signingInput), key);
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

/** An error answer of Maskinporten in plain categories (DOMAIN.md's error list). */
export function classifyError(status: number, body: unknown): { problem: TokenProblem; detail: string } {
  // Down, or busy (429 rate limit, 408 timeout): try again later, not a refusal.
  if (status >= 500 || status === 429 || status === 408) return { problem: "unreachable", detail: `HTTP ${status}` };
  const parsed = errorAnswerSchema.safeParse(body);
  if (!parsed.success) return { problem: "rejected", detail: `HTTP ${status}` };
  const detail = [parsed.data.error, parsed.data.error_description].filter(Boolean).join(": ").slice(0, 500);
  // The MP code may stand in `error` or in `error_description`.
  if (/MP-251/.test(detail)) return { problem: "not_delegated", detail };
  if (/MP-250/.test(detail)) return { problem: "never_granted", detail };
  if (/MP-200/.test(detail)) return { problem: "scope_not_on_client", detail };
  if (/combination.*invalid/i.test(detail)) return { problem: "own_orgnr", detail };
  return { problem: "rejected", detail };
}

/**
 * Reads a successful answer: the token must be there, and when it is a JWT its `consumer` must be
 * the customer (a token for someone else means the delegation is not what the case says).
 */
export function readTokenAnswer(body: unknown, customerOrgnr: string): TokenCheck {
  const parsed = tokenAnswerSchema.safeParse(body);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
    return { ok: false, problem: "bad_answer", detail: where };
  }
  const parts = parsed.data.access_token.split(".");
  // An opaque (reference) token has nothing to read; the 200 is the proof.
  if (parts.length !== 3) return { ok: true, consumer: null, supplier: null };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8"));
  } catch {
    return { ok: true, consumer: null, supplier: null };
  }
  const read = tokenClaimsSchema.safeParse(claims);
  const consumer = read.success ? orgnrOfParty(read.data.consumer) : null;
  const supplier = read.success ? orgnrOfParty(read.data.supplier) : null;
  if (consumer && consumer !== customerOrgnr) {
    return { ok: false, problem: "wrong_consumer", detail: consumer };
  }
  return { ok: true, consumer, supplier };
}

/** The client's private key: RS256 needs RSA, and Maskinporten wants at least 2048 bits. */
export async function loadPrivateKey(file: string): Promise<KeyObject> {
  const key = createPrivateKey(await readFile(file, "utf8"));
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== "rsa") throw new Error(`the key is ${key.asymmetricKeyType ?? "of no known type"}, not RSA (RS256)`);
  if (bits < 2048) throw new Error(`the RSA key has ${bits} bits; Maskinporten wants at least 2048`);
  return key;
}

/**
 * Asks Maskinporten for a token for `scope` on behalf of `consumerOrgnr`. Never throws: every
 * failure becomes a problem with a short detail (never the key or a token).
 */
export async function checkDelegatedToken(
  settings: MaskinportenSettings,
  request: { scope: string; consumerOrgnr: string },
  options: { now: Date; timeoutMs?: number },
): Promise<TokenCheck> {
  let grant: string;
  try {
    const key = await loadPrivateKey(settings.privateKeyFile);
    grant = buildGrant({ settings, scope: request.scope, consumerOrgnr: request.consumerOrgnr, now: options.now }, key);
  } catch (error) {
    // The message names the file or the PEM problem, never the key's content.
    return { ok: false, problem: "key_unreadable", detail: error instanceof Error ? error.message.slice(0, 200) : "unreadable" };
  }
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(`${settings.url}token`, {
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
    return readTokenAnswer(body, request.consumerOrgnr);
  } catch (error) {
    if (signal.aborted) return { ok: false, problem: "unreachable", detail: `no answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}` };
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return { ok: false, problem: "unreachable", detail: `${error instanceof Error ? error.message : String(error)}${cause}`.slice(0, 300) };
  }
}
