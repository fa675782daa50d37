import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { composeCustomerEmail, customerMailKinds } from "../../src/domain/customerEmail.js";
import { environmentInfo, environments } from "../../src/domain/environments.js";
import { completionSummary, customerAccessInstructions, delegationGuidance } from "../../src/domain/guidance.js";
import { locales } from "../../src/domain/locale.js";
import { composeFollowUpEmail, composeOrderEmail } from "../../src/domain/orderEmail.js";
import { scopeInfo, scopes } from "../../src/domain/scopes.js";
import { fictitiousGuidance } from "../../src/domain/fictitiousGuidance.js";
import { caseButtonLabel } from "../../src/domain/caseActions.js";
import { fictitiousNextAction, nextAction, stageLabel, stages } from "../../src/domain/stages.js";
import { validationMessages } from "../../src/domain/validationMessages.js";
import { fictitiousOrder, order } from "./fixtures.js";

// Altinn II closed on 19 June 2026 (DOMAIN.md): a text that sends a customer to its API pages,
// or asks for its old role, sends them nowhere. This scans every text the app can produce.

const altinnIINames: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: "Tilgang til programmeringsgrensesnitt", pattern: /tilgang\s+til\s+programmeringsgrensesnitt/iu },
  { name: "Deleger nytt API", pattern: /deleger\s+nytt\s+api/iu },
  { name: "Gi og fjerne API-tilganger", pattern: /gi\s+og\s+fjerne\s+api[\s\p{Pd}]*tilganger/iu },
  // The old Altinn II role, which «Maskinporten administrator» replaces.
  { name: "Programmeringsgrensesnitt (API)", pattern: /programmeringsgrensesnitt\s*\(\s*api\s*\)/iu },
];

function altinnIIIn(text: string): string[] {
  return altinnIINames.filter((n) => n.pattern.test(text)).map((n) => n.name);
}

type Found = { path: string; text: string };

/**
 * Every string reachable from a value: objects and arrays are walked, functions are called with
 * "X" for each declared parameter (fn.length) and their result walked in turn. A function that
 * throws on placeholders is reported rather than silently skipped.
 */
function strings(value: unknown, path: string, out: Found[], failed: string[], seen = new WeakSet<object>()): void {
  if (typeof value === "string") {
    out.push({ path, text: value });
    return;
  }
  if (typeof value === "function") {
    let result: unknown;
    try {
      result = (value as (...a: unknown[]) => unknown)(...Array.from({ length: value.length }, () => "X"));
    } catch {
      failed.push(path);
      return;
    }
    strings(result, `${path}()`, out, failed, seen);
    return;
  }
  if (value && typeof value === "object") {
    if (seen.has(value)) return;
    seen.add(value);
    for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out, failed, seen);
  }
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

const messagesDir = fileURLToPath(new URL("../../src/slack/messages/", import.meta.url));

/** The domain's texts: guidance in every combination, instructions, summaries, stage words, e-mails. */
function domainTexts(): Found[] {
  const out: Found[] = [];
  const add = (path: string, text: string) => out.push({ path, text });
  const loginCases = {
    none: { loginSentTo: [] as string[] },
    vendor: { loginSentTo: ["kari@leverandor.no"] },
    customer: { loginSentTo: ["kari@leverandor.no", "OLA@kunde.no"] },
  };
  for (const environment of environments) {
    for (const locale of locales) {
      for (const autoDetect of [true, false]) {
        for (const [login, { loginSentTo }] of Object.entries(loginCases)) {
          const g = delegationGuidance({
            environment,
            locale,
            autoDetect,
            loginSentTo,
            vendorOrgnr: "920012345",
            vendorName: "Leverandør AS",
            customerName: "Kunde AS",
            customerOrgnr: "812345672",
            customerContactEmail: "ola@kunde.no",
          });
          const at = `guidance/${environment}/${locale}/${autoDetect ? "auto" : "manual"}/${login}`;
          add(`${at}/forVendor`, g.forVendor);
          add(`${at}/forCustomer`, g.forCustomer);
          const mail = composeCustomerEmail({ kind: "delegation_guidance", reference: "DLG-1", text: g.forCustomer, senderName: "Kari", locale });
          add(`${at}/email`, `${mail.subject}\n${mail.text}\n${mail.html}`);
        }
      }
      const access = customerAccessInstructions({ customerName: "Kunde AS", customerOrgnr: "812345672", environment, locale });
      add(`customerAccess/${environment}/${locale}`, access);
      for (const kind of customerMailKinds) {
        add(`customerMailSubject/${kind}/${locale}`, composeCustomerEmail({ kind, reference: "DLG-1", text: access, senderName: "Kari", locale }).subject);
      }
      for (const scope of scopes) {
        add(`completion/${scope}/${environment}/${locale}`, completionSummary({ scope, customerOrgnr: "812345672", environment, locale }));
      }
    }
    const o = { ...order, environment };
    const sent = composeOrderEmail({ reference: "DLG-1", order: o });
    const followUp = composeFollowUpEmail({ reference: "DLG-1", order: o, originalSubject: sent.subject, sentAt: new Date(0) });
    for (const [what, m] of Object.entries({ order: sent, followUp })) add(`${what}Email/${environment}`, `${m.subject}\n${m.text}\n${m.html}`);
  }
  const fictitiousSent = composeOrderEmail({ reference: "DLG-1", order: fictitiousOrder });
  add("fictitiousOrderEmail", `${fictitiousSent.subject}\n${fictitiousSent.text}\n${fictitiousSent.html}`);
  for (const locale of locales) {
    for (const s of stages) {
      add(`stageLabel.${s}.${locale}`, stageLabel[s][locale]);
      add(`nextAction.${s}.${locale}`, nextAction[s][locale]);
      const fictitious = fictitiousNextAction[s];
      if (fictitious) add(`fictitiousNextAction.${s}.${locale}`, fictitious[locale]);
    }
    for (const autoDetect of [true, false]) {
      for (const scope of scopes) {
        const g = fictitiousGuidance({ vendorOrgnr: "920012345", vendorName: "Leverandør AS", fictitiousOrgnr: "310964719", scope, loginSentTo: ["kari@leverandor.no"], autoDetect, locale });
        add(`fictitiousGuidance/${locale}/${autoDetect ? "auto" : "manual"}/${scope}`, g);
      }
    }
  }
  const failed: string[] = [];
  strings({ caseButtonLabel, validationMessages, scopeInfo, environmentInfo }, "domain", out, failed);
  expect(failed).toEqual([]);
  return out;
}

describe("no text names Altinn II's closed pages", () => {
  it("the scanner finds a planted name however it is cased or spaced, and passes Altinn 3's words", () => {
    expect(altinnIIIn("Gå til Profil → «TILGANG TIL programmeringsgrensesnitt - API»")).toEqual(["Tilgang til programmeringsgrensesnitt"]);
    expect(altinnIIIn("trykk deleger  nytt\napi")).toEqual(["Deleger nytt API"]);
    expect(altinnIIIn("«Gi og fjerne API–tilganger»")).toEqual(["Gi og fjerne API-tilganger"]);
    expect(altinnIIIn("rollen «Programmeringsgrensesnitt (API)»")).toEqual(["Programmeringsgrensesnitt (API)"]);
    expect(altinnIIIn("«Tilgangsstyring» → «Maskinportenadministrasjon» → «Gi fullmakt» → «Søk etter API»")).toEqual([]);
  });

  it("the walker reaches strings inside nested objects, arrays and functions' results", () => {
    const out: Found[] = [];
    const failed: string[] = [];
    const planted = { nb: { deep: [{ fn: (who: string, n: string) => ({ t: `${who} Deleger nytt API ${n}` }) }] }, bad: (d: Date) => d.toISOString() };
    strings(planted, "planted", out, failed);
    expect(out.filter((f) => altinnIIIn(f.text).length > 0).map((f) => f.path)).toEqual(["planted.nb.deep.0.fn().t"]);
    expect(out[0]?.text).toBe("X Deleger nytt API X");
    expect(failed).toEqual(["planted.bad"]);
  });

  it("the domain's texts: guidance (both environments, both languages, autoDetect on and off, every login case), instructions, summaries, stages, e-mails", () => {
    const texts = domainTexts();
    expect(texts.length).toBeGreaterThan(2 * 2 * 2 * 3 * 3);
    expect(texts.filter((f) => altinnIIIn(f.text).length > 0).map((f) => `${f.path}: ${altinnIIIn(f.text).join(", ")}`)).toEqual([]);
  });

  it("every exported message catalog under src/slack/messages", async () => {
    const files = tsFiles(messagesDir);
    expect(files.map((f) => relative(messagesDir, f))).toContain("cases.ts");
    const out: Found[] = [];
    const failed: string[] = [];
    for (const file of files) {
      const mod: Record<string, unknown> = await import(pathToFileURL(file).href);
      for (const [name, value] of Object.entries(mod)) strings(value, `${relative(messagesDir, file)}:${name}`, out, failed);
    }
    // Only top-level helpers (formatDateTime and the like) may refuse placeholders; a message may not.
    expect(failed.filter((p) => p.slice(p.indexOf(":") + 1).includes("."))).toEqual([]);
    expect(out.length).toBeGreaterThan(200);
    expect(out.filter((f) => altinnIIIn(f.text).length > 0).map((f) => `${f.path}: ${altinnIIIn(f.text).join(", ")}`)).toEqual([]);
  });
});
