import { startWarningDays, thresholdReached } from "../domain/credentialThresholds.js";
import type { CredentialExpiryNotice } from "../domain/notices.js";
import { isClientProblem } from "../domain/tokenProblems.js";
import type { TokenCheck } from "../integrations/maskinporten.js";
import { certificateEnd } from "../integrations/maskinportenCredentials.js";
import { maskinportenEnvs, maskinportenPrefix, type MaskinportenClient } from "../maskinportenSettings.js";
import type { Runtime } from "../runtime.js";
import { claimCredentialNotice } from "../store/credentialNotices.js";
import { inTransaction } from "../store/tx.js";
import type { Services } from "./services.js";

// A registered key lives a year from the day it was added to the client (then MP-121), an
// enterprise certificate until its notAfter: either one ending stops every customer's token on
// the same day (DOMAIN.md). The app knows both ends and says so ahead, and afterwards names the
// ended credential as the cause of the client's failures.

export type CredentialExpiry = Omit<CredentialExpiryNotice, "daysLeft">;

const dayMs = 86_400_000;
const ends = new WeakMap<MaskinportenClient, Promise<CredentialExpiry | null>>();
const warned = new WeakSet<object>();

/** When the client's key or certificate ends: KEY_EXPIRES, or the certificate file's notAfter (read once). Null: not known. */
export function expiryOf(rt: Runtime, client: MaskinportenClient): Promise<CredentialExpiry | null> {
  let end = ends.get(client);
  if (!end) {
    const { env, clientId, auth } = client;
    end =
      auth.kind === "key"
        ? Promise.resolve(auth.expires ? { env, clientId, kind: "key" as const, expiresAt: auth.expires } : null)
        : certificateEnd(auth).then(
            (expiresAt) => ({ env, clientId, kind: "certificate" as const, expiresAt }),
            (error: unknown) => {
              rt.logger.warn(`could not read when the certificate of ${maskinportenPrefix(env)}CERTIFICATE_FILE ends: ${error instanceof Error ? error.message : String(error)}`);
              return null;
            },
          );
    ends.set(client, end);
  }
  return end;
}

/**
 * Every configured client's credential end that is known. The first call (the scheduler's first
 * pass, at start) logs a warning for each one that ends within a week, or has ended.
 */
export async function credentialExpiries(rt: Runtime): Promise<CredentialExpiry[]> {
  const clients = maskinportenEnvs.map((env) => rt.config.maskinporten[env]).filter((c): c is MaskinportenClient => c !== undefined);
  const known = (await Promise.all(clients.map((c) => expiryOf(rt, c)))).filter((e): e is CredentialExpiry => e !== null);
  if (!warned.has(rt.config)) {
    warned.add(rt.config);
    for (const e of known) {
      const days = (e.expiresAt.getTime() - rt.now().getTime()) / dayMs;
      if (days >= startWarningDays) continue;
      const what = e.kind === "key" ? `the key registered on client ${e.clientId} (${maskinportenPrefix(e.env)}KID)` : `the enterprise certificate of client ${e.clientId} (${maskinportenPrefix(e.env)}CERTIFICATE_FILE)`;
      rt.logger.warn(`${what} ${days <= 0 ? "expired" : "expires"} ${e.expiresAt.toISOString()}: every customer's token stops then; ${e.kind === "key" ? "register a new key and change the settings" : "renew the certificate"}`);
    }
  }
  return known;
}

// What this process has seen announced, so a pass does not ask the database every tick.
const announced = new WeakMap<Services, Set<string>>();

/**
 * Tells the case channel 30, 14, 7, 3 and 1 days before a key or certificate ends, and when it
 * has ended: each announcement once, by the one replica that claims it (a row per client,
 * credential, end and threshold, as with the weekly overview), whose notice row is written in
 * the same transaction as the claim: one row per announcement, posted however long Slack takes.
 * Returns how many this call recorded.
 */
export async function credentialNoticesIfDue(svc: Services): Promise<number> {
  const { rt, notifier } = svc;
  let seen = announced.get(svc);
  if (!seen) announced.set(svc, (seen = new Set()));
  let posted = 0;
  for (const e of await credentialExpiries(rt)) {
    const now = rt.now();
    const daysLeft = (e.expiresAt.getTime() - now.getTime()) / dayMs;
    const threshold = thresholdReached(daysLeft);
    if (threshold === null) continue;
    const key = `${e.env}:${e.clientId}:${e.kind}:${e.expiresAt.toISOString()}:${threshold}`;
    if (seen.has(key)) continue;
    const claimed = await inTransaction(rt.db, async (tx) => {
      if (!(await claimCredentialNotice(tx, key, now))) return false;
      await notifier.credentialExpiring({ ...e, daysLeft: Math.ceil(daysLeft) }, tx);
      return true;
    });
    seen.add(key);
    if (claimed) posted += 1;
  }
  return posted;
}

/**
 * After the client's key or certificate has ended, a failure of the client itself (MP-121,
 * MP-120, the file refused …) is that credential's: every case's failure names it, instead of
 * an explanation per customer. Other answers are left as they are.
 */
export async function blameEndedCredential(rt: Runtime, client: MaskinportenClient, check: TokenCheck): Promise<TokenCheck> {
  if (check.ok || !isClientProblem(check.problem) || check.problem === "credential_expired") return check;
  const end = await expiryOf(rt, client);
  if (!end || end.expiresAt.getTime() > rt.now().getTime()) return check;
  const what = end.kind === "key" ? `the key registered on the client (${maskinportenPrefix(end.env)}KID, ${maskinportenPrefix(end.env)}KEY_EXPIRES)` : `the enterprise certificate (${maskinportenPrefix(end.env)}CERTIFICATE_FILE)`;
  return { ok: false, problem: "credential_expired", detail: `${what} expired ${end.expiresAt.toISOString()}; ${check.detail}`.slice(0, 500) };
}
