import { describe, expect, it } from "vitest";
import { catalogs } from "../../src/slack/messages/catalogs.js";
import { caseButtonLabel } from "../../src/domain/caseActions.js";
import { nextAction, stageLabel } from "../../src/domain/stages.js";
import { validationMessages } from "../../src/domain/validationMessages.js";

// Calls a message function with placeholder arguments of the types it declares (strings, dates, numbers, lists).
function render(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "function") {
    const args = Array.from({ length: value.length }, (_, i) => `arg${i}`);
    return render((value as (...a: unknown[]) => unknown)(...args));
  }
  if (Array.isArray(value)) return value.flatMap(render);
  if (value && typeof value === "object") return Object.values(value).flatMap(render);
  return [String(value)];
}

function shape(value: unknown): unknown {
  if (typeof value === "function") return `fn/${value.length}`;
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return typeof value;
}

/** A domain table of {nb, en} texts, as a catalog. */
function split(table: Record<string, { nb: string; en: string }>) {
  return {
    nb: Object.fromEntries(Object.entries(table).map(([k, v]) => [k, v.nb])),
    en: Object.fromEntries(Object.entries(table).map(([k, v]) => [k, v.en])),
  };
}

describe("user-facing text", () => {
  const domain = { validation: split(validationMessages), stageLabel: split(stageLabel), nextAction: split(nextAction), caseButtonLabel: split(caseButtonLabel) };
  for (const [name, catalog] of Object.entries({ ...catalogs, ...domain })) {
    it(`${name}: every message exists in both bokmål and English`, () => {
      expect(shape(catalog.en)).toEqual(shape(catalog.nb));
      const nb = render(catalog.nb);
      const en = render(catalog.en);
      for (const text of [...nb, ...en]) expect(text.trim().length).toBeGreaterThan(0);
      // English is a translation, not a copy: most texts differ.
      const same = nb.filter((t, i) => t === en[i] && /[a-zæøå]{4,}/i.test(t));
      expect(same.length).toBeLessThanOrEqual(Math.ceil(nb.length * 0.2));
    });
  }
});
