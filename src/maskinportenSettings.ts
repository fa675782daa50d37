import { statSync } from "node:fs";
import { z } from "zod";
import type { Environment } from "./domain/environments.js";
import { scopeSchema, scopes, type Scope } from "./domain/scopes.js";
import { zonedTimeToInstant } from "./domain/workingDays.js";

// The Maskinporten part of the environment: one client per Maskinporten environment, since a
// delegation made in TT02 only works against Maskinporten TEST and one made in Altinn production
// only against production (DOMAIN.md). A TT02 case is checked with the TEST client, a production
// case with the PROD client; an environment without a client id is simply not checked.

export const maskinportenEnvs = ["test", "prod"] as const;
export type MaskinportenEnv = (typeof maskinportenEnvs)[number];

const authSchema = z.discriminatedUnion("kind", [
  /** a key registered on the client: the grant carries its `kid`; `expires`: when it stops working (KEY_EXPIRES) */
  z.object({ kind: z.literal("key"), kid: z.string().min(1), privateKeyFile: z.string().min(1), expires: z.date().optional() }),
  /** the enterprise certificate (PKCS#12, or PEM chain + key): the grant carries `x5c` */
  z.object({ kind: z.literal("certificate"), certificateFile: z.string().min(1), passphrase: z.string().optional() }),
]);

export const maskinportenClientSchema = z.object({
  env: z.enum(maskinportenEnvs),
  clientId: z.string().min(1),
  /** issuer and audience, with a trailing slash; the token endpoint is `${url}token` */
  url: z.string().min(1),
  /** the scopes added to the client; a case asking for another is not sent to Maskinporten */
  scopes: z.array(scopeSchema),
  auth: authSchema,
});
export type MaskinportenClient = z.infer<typeof maskinportenClientSchema>;
export type MaskinportenClientAuth = z.infer<typeof authSchema>;
export type MaskinportenClients = Partial<Record<MaskinportenEnv, MaskinportenClient>>;

export const defaultMaskinportenUrl: Record<MaskinportenEnv, string> = {
  test: "https://test.maskinporten.no/",
  prod: "https://maskinporten.no/",
};

/** The case environment each Maskinporten environment serves. */
export const maskinportenEnvFor: Record<Environment, MaskinportenEnv> = { tt02: "test", production: "prod" };

/** `MASKINPORTEN_TEST_` or `MASKINPORTEN_PROD_`: what messages name when they say what to check. */
export function maskinportenPrefix(env: MaskinportenEnv): string {
  return `MASKINPORTEN_${env.toUpperCase()}_`;
}

/** The client that checks cases of `environment`, if one is configured. */
export function clientFor(config: { maskinporten: MaskinportenClients }, environment: Environment): MaskinportenClient | undefined {
  return config.maskinporten[maskinportenEnvFor[environment]];
}

// Refused rather than read as the TEST client: an operator who set MASKINPORTEN_ENV=prod would
// otherwise silently get checks against the wrong environment, or none. Naming the replacement
// makes the upgrade a rename. (Our choice; the old names were never a published contract.)
const replaced: Record<string, string> = {
  MASKINPORTEN_ENV: "the environment is now part of each name: MASKINPORTEN_TEST_… checks TT02 cases, MASKINPORTEN_PROD_… production cases",
  MASKINPORTEN_CLIENT_ID: "use MASKINPORTEN_TEST_CLIENT_ID (TT02 cases) or MASKINPORTEN_PROD_CLIENT_ID (production cases)",
  MASKINPORTEN_KID: "use MASKINPORTEN_TEST_KID or MASKINPORTEN_PROD_KID",
  MASKINPORTEN_PRIVATE_KEY_FILE: "use MASKINPORTEN_TEST_PRIVATE_KEY_FILE or MASKINPORTEN_PROD_PRIVATE_KEY_FILE",
  MASKINPORTEN_URL: "use MASKINPORTEN_TEST_URL or MASKINPORTEN_PROD_URL (each defaults to Maskinporten's own address)",
};

/** Which of Maskinporten's environments a URL is, when it is one of Maskinporten's own hosts. */
function envOfUrl(url: string): MaskinportenEnv | undefined {
  try {
    const host = new URL(url).hostname;
    return host === "maskinporten.no" ? "prod" : host === "test.maskinporten.no" ? "test" : undefined;
  } catch {
    return undefined;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const withSlash = (u: string) => (u.endsWith("/") ? u : `${u}/`);

/** KEY_EXPIRES (`2027-03-01`): the key counts as expired from the start of that day, Oslo time. */
function keyExpiry(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return zonedTimeToInstant({ y, m: mo, d }, 0);
}

/**
 * Reads both clients. Problems are collected (never thrown) so loadConfig can list them with
 * everything else; none of them ever holds the passphrase.
 */
export function readMaskinporten(source: NodeJS.ProcessEnv): { clients: MaskinportenClients; problems: string[] } {
  const problems: string[] = [];
  for (const [name, instead] of Object.entries(replaced)) {
    // An empty leftover (`MASKINPORTEN_KID=`) says nothing, so only a value is refused.
    if (source[name]?.trim()) problems.push(`${name} is no longer read: ${instead}`);
  }
  const clients: MaskinportenClients = {};
  for (const env of maskinportenEnvs) {
    const client = readClient(source, env, problems);
    if (client) clients[env] = client;
  }
  return { clients, problems };
}

function readClient(source: NodeJS.ProcessEnv, env: MaskinportenEnv, problems: string[]): MaskinportenClient | undefined {
  const p = maskinportenPrefix(env);
  const get = (name: string) => source[`${p}${name}`]?.trim() || undefined;
  // A passphrase may begin or end with a space: taken as it stands.
  const passphrase = source[`${p}CERTIFICATE_PASSPHRASE`] || undefined;
  const clientId = get("CLIENT_ID");
  const kid = get("KID");
  const keyFile = get("PRIVATE_KEY_FILE");
  const certificateFile = get("CERTIFICATE_FILE");
  const rawUrl = get("URL");
  const rawScopes = get("SCOPES");
  const rawExpires = get("KEY_EXPIRES");
  const before = problems.length;

  const credentials = { KID: kid, PRIVATE_KEY_FILE: keyFile, CERTIFICATE_FILE: certificateFile, CERTIFICATE_PASSPHRASE: passphrase };
  const stray = Object.entries(credentials).filter(([, v]) => v !== undefined).map(([k]) => `${p}${k}`);
  if (!clientId) {
    // Credentials without a client id are a half-done setup, not "this environment is off".
    if (stray.length > 0) problems.push(`${p}CLIENT_ID missing: ${stray.join(", ")} ${stray.length === 1 ? "is" : "are"} set, so set the client's id too (Samarbeidsportalen), or unset ${stray.length === 1 ? "it" : "them"}`);
    return undefined;
  }

  const hasKey = kid !== undefined || keyFile !== undefined;
  if (hasKey && certificateFile) {
    problems.push(`${p}CERTIFICATE_FILE and ${p}KID/${p}PRIVATE_KEY_FILE exclude each other: the client authenticates with a registered key or with the enterprise certificate, not both`);
  } else if (hasKey && !(kid && keyFile)) {
    problems.push(`${kid ? `${p}PRIVATE_KEY_FILE` : `${p}KID`} missing: a registered key needs both ${p}KID (its key id in Samarbeidsportalen) and ${p}PRIVATE_KEY_FILE (the PEM RSA key)`);
  } else if (!hasKey && !certificateFile) {
    problems.push(`${p}CLIENT_ID is set but the client has no credentials: set ${p}KID and ${p}PRIVATE_KEY_FILE (a registered key), or ${p}CERTIFICATE_FILE (the enterprise certificate)`);
  }
  if (passphrase !== undefined && !certificateFile && hasKey) {
    problems.push(`${p}CERTIFICATE_PASSPHRASE is only used with ${p}CERTIFICATE_FILE: unset it, or use an unencrypted ${p}PRIVATE_KEY_FILE`);
  }
  const expires = rawExpires === undefined ? undefined : keyExpiry(rawExpires);
  if (rawExpires !== undefined && !expires) {
    problems.push(`${p}KEY_EXPIRES must be a date such as 2027-03-01: the day the registered key stops working (a key lives a year from the day it was added to the client)`);
  } else if (rawExpires !== undefined && !hasKey) {
    problems.push(`${p}KEY_EXPIRES is for a registered key (${p}KID): the enterprise certificate's end is read from ${p}CERTIFICATE_FILE`);
  }
  for (const [name, file] of [["PRIVATE_KEY_FILE", keyFile], ["CERTIFICATE_FILE", certificateFile]] as const) {
    if (file && !isFile(file)) problems.push(`${p}${name} no such file: ${file}`);
  }

  const url = withSlash(rawUrl ?? defaultMaskinportenUrl[env]);
  let protocolOk: boolean;
  try {
    protocolOk = ["http:", "https:"].includes(new URL(url).protocol);
  } catch {
    protocolOk = false;
  }
  const urlEnv = envOfUrl(url);
  if (!protocolOk) {
    problems.push(`${p}URL malformed: an http(s) URL such as ${defaultMaskinportenUrl[env]}`);
  } else if (urlEnv && urlEnv !== env) {
    const other = maskinportenPrefix(urlEnv);
    problems.push(`${p}URL is Maskinporten's ${urlEnv === "test" ? "test" : "production"} environment (${new URL(url).hostname}): a client there belongs in ${other}…, and ${p}URL should be ${defaultMaskinportenUrl[env]}`);
  }

  let clientScopes: Scope[] = [...scopes];
  if (rawScopes !== undefined) {
    const listed = [...new Set(rawScopes.split(",").map((s) => s.trim()).filter(Boolean))];
    const unknown = listed.filter((s) => !scopeSchema.safeParse(s).success);
    if (unknown.length > 0) {
      problems.push(`${p}SCOPES has unknown scope${unknown.length === 1 ? "" : "s"} ${unknown.map((s) => `"${s}"`).join(", ")}: use a comma-separated list of ${scopes.join(", ")}`);
    } else if (listed.length === 0) {
      problems.push(`${p}SCOPES names no scope: list the client's scopes, comma-separated, or unset it for all six`);
    }
    clientScopes = listed.filter((s): s is Scope => scopeSchema.safeParse(s).success);
  }

  const auth: MaskinportenClientAuth | undefined =
    kid && keyFile
      ? { kind: "key", kid, privateKeyFile: keyFile, ...(expires ? { expires } : {}) }
      : certificateFile
        ? { kind: "certificate", certificateFile, ...(passphrase !== undefined ? { passphrase } : {}) }
        : undefined;
  if (problems.length > before || !auth) return undefined;
  return maskinportenClientSchema.parse({ env, clientId, url, scopes: clientScopes, auth });
}
