import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  /** the Message-ID header as received */
  messageId: string | undefined;
  raw: Buffer;
  parse(): Promise<ParsedMail>;
}

type Refusal = { code: number; text: string };

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 that keeps what it accepts and can be told to
 * refuse messages at DATA: the next n with a temporary 451, or every one with a permanent 550.
 */
export class TestSmtp {
  readonly received: ReceivedMail[] = [];
  /** DATA commands answered, accepted or not */
  attempts = 0;
  /** how long to sit on each message before answering (lets concurrent senders overlap) */
  delayMs = 0;
  /** messages whose DATA has arrived and not been answered yet */
  pending = 0;
  private gate: Promise<void> | undefined;
  private refusals: Refusal[] = [];
  private always: Refusal | undefined;
  private server: SMTPServer | undefined;
  private waiters: Array<() => void> = [];
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The next `times` messages get `code text` at the end of DATA. */
  refuseNext(times: number, code = 451, text = "4.3.0 Try again later"): this {
    for (let i = 0; i < times; i++) this.refusals.push({ code, text });
    return this;
  }

  /** Every message gets `code text` (undefined: accept again). */
  refuseAll(code: number | undefined, text = "5.7.1 Relaying denied"): this {
    this.always = code === undefined ? undefined : { code, text };
    return this;
  }

  /** Leaves every message unanswered at the end of DATA until the returned function is called. */
  hold(): () => void {
    let release = () => {};
    this.gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.gate = undefined;
      release();
    };
  }

  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData: (stream: SMTPServerDataStream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        const answer = () => {
          this.pending--;
          this.attempts++;
          const refusal = this.always ?? this.refusals.shift();
          if (refusal) {
            const error = Object.assign(new Error(refusal.text), { responseCode: refusal.code });
            callback(error);
          } else {
            const raw = Buffer.concat(chunks);
            const from = session.envelope.mailFrom;
            this.received.push({
              envelopeFrom: from ? from.address : "",
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              messageId: /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw.toString("latin1").split(/\r?\n\r?\n/)[0] ?? "")?.[1],
              raw,
              parse: () => simpleParser(raw),
            });
            callback(null, "Message queued");
          }
          this.notify();
        };
        stream.on("end", () => {
          this.pending++;
          this.notify();
          // Held (see hold) until released, then answered after delayMs.
          void Promise.resolve(this.gate).then(() => setTimeout(answer, this.delayMs));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves when the predicate holds (checked after every DATA answer). */
  async waitFor<T>(predicate: () => T | undefined | false | null, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`TestSmtp.waitFor timed out after ${this.attempts} attempts, ${this.received.length} received`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Messages received with this Message-ID. */
  withId(messageId: string | null): ReceivedMail[] {
    return this.received.filter((m) => m.messageId === messageId);
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
