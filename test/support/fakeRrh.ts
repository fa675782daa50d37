import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the stand-in answers: a status, or nothing at all (the connection is dropped unanswered). */
export type RrhMode = 200 | 404 | 401 | 403 | 500 | "nothing";

/** A request the stand-in got: its path and Authorization header. */
export interface RrhRequest {
  path: string;
  authorization: string | undefined;
}

/**
 * A local stand-in for Brreg's RRH API in test (DOMAIN.md "Brreg's RRH API"):
 * `GET /api/oppslag/v1/virksomheter/{orgnr}` with a bearer token. Every answer's body carries
 * `marker` among beneficial-owner data, as the real one carries personal data: a test can check
 * the marker never reaches a log, the database or Slack.
 */
export class FakeRrh {
  static readonly marker = "RRH-PERSONOPPLYSNING-7f3a9c";
  mode: RrhMode = 200;
  readonly requests: RrhRequest[] = [];
  /** the base URL, as RRH_TEST_URL takes it */
  url = "";
  private server: Server | undefined;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      this.requests.push({ path, authorization: req.headers.authorization });
      if (this.mode === "nothing") {
        req.socket.destroy();
        return;
      }
      const orgnr = /^\/api\/oppslag\/v1\/virksomheter\/(\d{9})$/.exec(path)?.[1];
      const status = req.method === "GET" && orgnr ? this.mode : 404;
      const body =
        status === 200
          ? { organisasjonsnummer: orgnr, reelleRettighetshavere: [{ navn: `Kari ${FakeRrh.marker}`, rolle: "eierskap", andel: "over 25 %" }] }
          : { status, melding: `${FakeRrh.marker}: ${status === 404 ? "ikke registreringspliktig" : "ingen tilgang"}` };
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/api/oppslag`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
