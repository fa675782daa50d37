import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/appFixture.js";
import { backends } from "../support/db.js";
import type { TestApp } from "../support/app.js";
import { ask, newCase } from "./statusSupport.js";

const group = "S0DELEG";

/** How long `work` took, with what it gave. */
async function timed<T>(work: Promise<T>, from: number): Promise<{ value: T; ms: number }> {
  const value = await work;
  return { value, ms: performance.now() - from };
}

async function healthz(app: TestApp): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${app.url}/healthz`);
  return { status: res.status, body: await res.json() };
}

describe.each(backends())("/delegering status against hostile input on %s", (backend) => {
  let app: TestApp;

  // U0EVE is no member of the group: status is a read, so anyone in the workspace may send it.
  useTestApp((f) => ({ app } = f), { SLACK_ALLOWED_USERGROUP: group, DATABASE_STATEMENT_TIMEOUT_MS: "1000" }, {
    backend,
    prepare: (s) => s.usergroups.set(group, ["U0ALICE"]),
  });

  it("300 words from a non-member: a clear answer within 3 s, and /healthz answers within 1 s meanwhile", async () => {
    const words = Array.from({ length: 300 }, (_, i) => `w${i}`).join(" ");
    expect(words.length).toBeGreaterThan(1000);
    // Once each first, so what is timed is the command and not the app's first request after its start.
    expect((await healthz(app)).status).toBe(200);
    expect((await ask(app, "status nordlys", "U0EVE")).text).toContain("nordlys");
    const start = performance.now();
    const [answer, health] = await Promise.all([timed(ask(app, `status ${words}`, "U0EVE"), start), timed(healthz(app), start)]);
    expect(answer.value.id).toBe("ack");
    expect(answer.value.body.response_type).toBe("ephemeral");
    expect(answer.value.text).toContain("Søket er for langt: skriv høyst 5 ord og 100 tegn");
    expect(answer.value.text).not.toContain("w299");
    expect(answer.ms).toBeLessThan(3000);
    expect(health.value.status).toBe(200);
    expect(health.ms).toBeLessThan(1000);
  });

  it("six short words, under 100 characters, are refused as well; five find the case", async () => {
    const c = await newCase(app, { customer_name: "Nordlys & Sønn Regnskap Bergen AS", customer_orgnr: "923609016", customer_access: "pending" });
    const six = await ask(app, "status nord sønn regnskap bergen as x", "U0EVE");
    expect(six.text).toContain("Søket er for langt");
    for (const q of ["nord sønn", "Nordlys & Sønn Regnskap Bergen AS", "nordlys sonn regn berg as"]) {
      const r = await ask(app, `status ${q}`, "U0EVE");
      expect(r.text, q).toContain(c.reference);
      expect(r.text, q).toContain("Siste hendelser");
    }
  });

  it(
    backend === "postgresql"
      ? "a statement over DATABASE_STATEMENT_TIMEOUT_MS is cancelled, and the app answers afterwards"
      : "PGlite cannot cancel a statement over DATABASE_STATEMENT_TIMEOUT_MS; the app answers afterwards",
    async () => {
      const c = await newCase(app, { customer_name: "Etter Tidsavbrudd AS", customer_orgnr: "974760673", customer_access: "pending" });
      const slow = app.app.runtime.db.$queryRaw<Array<{ done: boolean }>>`SELECT true AS done FROM pg_sleep(1.5)`;
      if (backend === "postgresql") await expect(slow).rejects.toThrow(/statement timeout/);
      else expect(await slow).toEqual([{ done: true }]);
      expect(await healthz(app)).toEqual({ status: 200, body: expect.objectContaining({ ok: true, database: "reachable" }) as unknown });
      const r = await ask(app, `status ${c.reference}`, "U0EVE");
      expect(r.text).toContain(`${c.reference} · Etter Tidsavbrudd AS`);
    },
  );
});
