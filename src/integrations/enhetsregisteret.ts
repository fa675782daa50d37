import { z } from "zod";
import type { Config } from "../config.js";

/**
 * What Enhetsregisteret says about an organisation number. A lookup is advice: every failure
 * (timeout, 5xx, a body we cannot read) becomes "unavailable", never an exception, so the order
 * goes on without it.
 */
export type RegisterAnswer =
  | { status: "active" | "bankrupt" | "liquidation"; orgnr: string; name: string }
  /** 410 Gone has no body, so its name is unknown; a 200 with `slettedato` carries one */
  | { status: "deleted"; orgnr: string; name: string | null }
  | { status: "unknown"; orgnr: string }
  | { status: "unavailable"; orgnr: string; reason: string };

export type RegisterStatus = RegisterAnswer["status"];

export type RegisterSettings = Config["enhetsregisteret"];

// Only the fields we act on; the register sends many more and may add fields at any time.
const unitSchema = z.object({
  organisasjonsnummer: z.string().regex(/^\d{9}$/),
  navn: z.string().min(1).max(500),
  konkurs: z.boolean().optional(),
  // Newer bodies carry this beside (or instead of) `konkurs`; read both.
  underKonkursbehandling: z.boolean().optional(),
  underAvvikling: z.boolean().optional(),
  underTvangsavviklingEllerTvangsopplosning: z.boolean().optional(),
  slettedato: z.string().optional(),
});

function classify(orgnr: string, unit: z.infer<typeof unitSchema>): RegisterAnswer {
  const name = unit.navn;
  if (unit.slettedato) return { status: "deleted", orgnr, name };
  if (unit.konkurs || unit.underKonkursbehandling) return { status: "bankrupt", orgnr, name };
  if (unit.underAvvikling || unit.underTvangsavviklingEllerTvangsopplosning) return { status: "liquidation", orgnr, name };
  return { status: "active", orgnr, name };
}

/** `GET {url}/enheter/{orgnr}`, giving up after `timeoutMs` (headers and body together). */
export async function lookupUnit(settings: RegisterSettings, orgnr: string): Promise<RegisterAnswer> {
  if (!/^\d{9}$/.test(orgnr)) return { status: "unavailable", orgnr, reason: "not an organisation number" };
  const signal = AbortSignal.timeout(settings.timeoutMs);
  try {
    const res = await fetch(`${settings.url}/enheter/${orgnr}`, { headers: { accept: "application/json" }, signal });
    if (res.status === 404) {
      await res.body?.cancel();
      return { status: "unknown", orgnr };
    }
    if (res.status === 410) {
      await res.body?.cancel();
      return { status: "deleted", orgnr, name: null };
    }
    if (!res.ok) {
      await res.body?.cancel();
      return { status: "unavailable", orgnr, reason: `HTTP ${res.status}` };
    }
    const parsed = unitSchema.safeParse(await res.json());
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => i.path.join(".") || "body").join(", ");
      return { status: "unavailable", orgnr, reason: `unexpected answer (${where})` };
    }
    if (parsed.data.organisasjonsnummer !== orgnr) {
      return { status: "unavailable", orgnr, reason: `answer was about ${parsed.data.organisasjonsnummer}` };
    }
    return classify(orgnr, parsed.data);
  } catch (error) {
    const timedOut = signal.aborted;
    return { status: "unavailable", orgnr, reason: timedOut ? `no answer within ${settings.timeoutMs} ms` : errorText(error) };
  }
}

function errorText(error: unknown): string {
  if (error instanceof SyntaxError) return "unexpected answer (not JSON)";
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}
