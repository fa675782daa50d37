import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createTransport } from "nodemailer";
import { previewDir, type Config } from "../config.js";
import type { OutgoingMail } from "./outgoingMail.js";

/** What happened to one message: sent over SMTP, or written to a file in preview mode. */
export type Delivery = { mode: "smtp"; accepted: string[]; rejected: string[]; response: string } | { mode: "preview"; path: string };

/** Sends checked messages. `name` names the file in preview mode (a case reference and kind). */
export interface MailTransport {
  readonly mode: "smtp" | "preview";
  send(mail: OutgoingMail, name: string): Promise<Delivery>;
  close(): void;
}

// Explicit limits, so a stuck server gives a timeout (a temporary failure) rather than a send
// that holds its row (its lease is renewed while the send is under way) for ever.
const timeouts = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 } as const;
/** Connections in the SMTP pool: as many messages go out at once. */
export const smtpConnections = 3;

/** MAIL_FROM's display name, for messages sent from MAIL_FROM's address. */
export type SenderName = { name: string | undefined; address: string | undefined };
const noName: SenderName = { name: undefined, address: undefined };

function message(mail: OutgoingMail, sender: SenderName) {
  // A row queued under an earlier MAIL_FROM keeps its own address, without a name that was not its.
  const { name } = sender;
  const named = name !== undefined && sender.address?.toLowerCase() === mail.from.toLowerCase();
  return {
    messageId: mail.messageId,
    date: mail.date,
    // nodemailer quotes or RFC 2047-encodes the name; config refused control characters in it.
    from: named ? { name, address: mail.from } : mail.from,
    to: mail.to,
    ...(mail.cc.length > 0 ? { cc: mail.cc } : {}),
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo, references: [mail.inReplyTo] } : {}),
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    // The bodies are our own text: never let a path or URL in them pull in a file.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** A pooled SMTP transport for SMTP_URL. */
export function smtpTransport(url: string, sender: SenderName = noName): MailTransport {
  const transporter = createTransport({ url, pool: true, maxConnections: smtpConnections, ...timeouts });
  return {
    mode: "smtp",
    async send(mail) {
      const info = await transporter.sendMail(message(mail, sender));
      const list = (xs: unknown[] | undefined) =>
        (xs ?? []).map((x) => (typeof x === "string" ? x : ((x as { address?: string }).address ?? String(x))).toLowerCase());
      const rejected = list(info.rejected);
      // The server took the message for a Cc only: Brreg did not get it, so the send failed,
      // with the server's answer for Brreg's address deciding whether to retry.
      const missed = mail.to.find((a) => rejected.includes(a.toLowerCase()));
      if (missed) {
        const errors = (info as { rejectedErrors?: Array<Error & { recipient?: string }> }).rejectedErrors ?? [];
        throw errors.find((e) => e.recipient?.toLowerCase() === missed.toLowerCase()) ?? new Error(`the server refused ${missed}`);
      }
      return { mode: "smtp", accepted: list(info.accepted), rejected, response: String(info.response ?? "") };
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * Preview mode (no SMTP_URL): the exact message nodemailer would send is written to
 * `<dir>/<name>.eml`, via a temporary file so a crash never leaves half a message behind.
 */
export function previewTransport(dir: string, sender: SenderName = noName): MailTransport {
  const transporter = createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    mode: "preview",
    async send(mail, name) {
      if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`not a safe file name: ${JSON.stringify(name)}`);
      const info = await transporter.sendMail(message(mail, sender));
      // The message holds names and addresses: for the app's own user only, whatever the umask.
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const path = join(dir, `${name}.eml`);
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, info.message as Buffer, { mode: 0o600 });
      await rename(tmp, path);
      return { mode: "preview", path };
    },
    close() {
      transporter.close();
    },
  };
}

export function transportFor(config: Config): MailTransport {
  const sender: SenderName = { name: config.mail.fromName, address: config.mail.from };
  return config.mail.smtpUrl ? smtpTransport(config.mail.smtpUrl, sender) : previewTransport(previewDir(config), sender);
}
