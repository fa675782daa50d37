import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

// A copy of ../shared/fixtures/enhetsregisteret, so a fresh clone has it.
export const fixturesDir = join(import.meta.dirname, "fixtures/enhetsregisteret");

/** Numbers of the fixtures README. */
export const registerFixtures = {
  activeVendor: "920012345",
  activeCustomer: "812345672",
  bankrupt: "310964719",
  deletedBySlettedato: "314028252",
  gone: "315773458",
} as const;

/** normal: answers from the fixtures; slow: answers after `slowMs`; down: 500 for everything. */
export type RegisterMode = "normal" | "slow" | "down";

/**
 * A local stand-in for `GET /enhetsregisteret/api/enheter/{orgnr}` answering as the open
 * register does (fixtures README): the fixture files, 404 with a JSON error for other valid
 * numbers, 410 for 315773458, and switchable slow and down modes.
 */
export class FakeEnhetsregisteret {
  mode: RegisterMode = "normal";
  /** longer than the app's default 2 s timeout */
  slowMs = 2600;
  /** orgnr → a canned answer that replaces the fixture (bad bodies, liquidation …) */
  readonly overrides = new Map<string, { status: number; body: string; contentType?: string }>();
  /** numbers answered after `slowMs` whatever the mode */
  readonly slowNumbers = new Set<string>();
  /** orgnrs asked for, in order */
  readonly requests: string[] = [];
  url = "";
  private server: Server | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      const m = /^\/enhetsregisteret\/api\/enheter\/([^/]+)$/.exec(path);
      if (req.method !== "GET" || !m) return this.json(res, 404, { status: 404, error: "Not Found", path });
      const orgnr = decodeURIComponent(m[1]!);
      this.requests.push(orgnr);
      const answer = () => this.answer(orgnr, res, path);
      if (this.mode === "slow" || this.slowNumbers.has(orgnr)) {
        const t = setTimeout(() => {
          this.timers.delete(t);
          answer();
        }, this.slowMs);
        this.timers.add(t);
        return;
      }
      answer();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/enhetsregisteret/api`;
    return this;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  countFor(orgnr: string): number {
    return this.requests.filter((r) => r === orgnr).length;
  }

  private answer(orgnr: string, res: ServerResponse, path: string): void {
    if (res.destroyed) return;
    if (this.mode === "down") return this.json(res, 500, { status: 500, error: "Internal Server Error", path });
    const override = this.overrides.get(orgnr);
    if (override) {
      res.writeHead(override.status, { "content-type": override.contentType ?? "application/json" });
      res.end(override.body);
      return;
    }
    if (!/^\d{9}$/.test(orgnr)) {
      return this.json(res, 400, { status: 400, error: "Bad Request", message: "Ugyldig organisasjonsnummer", path });
    }
    if (orgnr === registerFixtures.gone) {
      res.writeHead(410);
      res.end();
      return;
    }
    const file = join(fixturesDir, `${orgnr}.json`);
    if (!existsSync(file)) return this.json(res, 404, { status: 404, error: "Not Found", message: `Enhet med organisasjonsnummer ${orgnr} ble ikke funnet`, path });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(readFileSync(file, "utf8"));
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }
}
