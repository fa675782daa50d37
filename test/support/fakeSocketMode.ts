import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

/** A local Socket Mode endpoint: says hello, delivers envelopes, collects the app's acks. */
export class FakeSocketMode {
  private server: WebSocketServer | undefined;
  private socket: WebSocket | undefined;
  private connected: Promise<WebSocket> | undefined;
  private readonly acks = new Map<string, (payload: unknown) => void>();
  url = "";

  async start(): Promise<this> {
    this.server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => this.server!.once("listening", () => resolve()));
    this.url = `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link`;
    this.connected = new Promise((resolve) => {
      this.server!.on("connection", (ws) => {
        this.socket = ws;
        ws.on("message", (data) => {
          const raw = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(new Uint8Array(data));
          const message = JSON.parse(raw.toString("utf8")) as { envelope_id?: string; payload?: unknown };
          if (message.envelope_id) this.acks.get(message.envelope_id)?.(message.payload ?? null);
        });
        ws.send(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "local" }, connection_info: { app_id: "A0APP" } }));
        resolve(ws);
      });
    });
    return this;
  }

  /** Delivers one envelope (slash_commands, interactive, events_api) and resolves with the ack's payload. */
  async deliver(type: "slash_commands" | "interactive" | "events_api", payload: Record<string, unknown>): Promise<unknown> {
    const ws = await this.connected!;
    const envelopeId = randomUUID();
    const acked = new Promise<unknown>((resolve) => this.acks.set(envelopeId, resolve));
    ws.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== "events_api", retry_attempt: 0, retry_reason: "" }));
    return acked;
  }

  async stop(): Promise<void> {
    this.socket?.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
