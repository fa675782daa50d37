import { z } from "zod";
import type { ClaimedMessage } from "../service/outbox.js";

// Everything below ends up in a mail header. The composer and the order modal already refuse
// line breaks; this is the last check before the wire, on what the database hands back.
const noControl = (what: string) =>
  z.string().refine((s) => !/[\p{Cc}\u2028\u2029]/u.test(s), { error: `${what} contains a line break or control character` });

// Header safety, not address policing: the addresses were validated where they came in (the
// order modal, MAIL_FROM), and preview mode's placeholder sender is `delegering@localhost`. What
// must not pass is anything that could end the address or the header: spaces, line breaks,
// brackets, commas, quotes.
const address = (what: string) =>
  noControl(what).pipe(
    z.string().regex(/^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+$/u, { error: `${what} is not a plain e-mail address` }),
  );

const messageId = (what: string) =>
  z.string().regex(/^<[!-;=?-~]+@[!-;=?-~]+>$/, { error: `${what} must look like <local@domain>` });

export const outgoingMailSchema = z.object({
  messageId: messageId("messageId"),
  from: address("from"),
  to: z.array(address("to")).min(1, { error: "to needs at least one address" }),
  cc: z.array(address("cc")),
  replyTo: address("replyTo").nullable(),
  inReplyTo: messageId("inReplyTo").nullable(),
  subject: noControl("subject").pipe(z.string().min(1, { error: "subject is empty" }).max(900, { error: "subject is over 900 characters" })),
  text: z.string(),
  html: z.string(),
  date: z.date(),
});

/** A message checked for header safety, ready for a transport. */
export type OutgoingMail = z.infer<typeof outgoingMailSchema>;

export class UnsafeMailError extends Error {
  constructor(problems: string[]) {
    super(`Refusing to send: ${problems.join("; ")}`);
    this.name = "UnsafeMailError";
  }
}

/** The stored outbox row as a message, or UnsafeMailError naming every field that is unsafe. */
export function outgoingMailOf(row: ClaimedMessage, date: Date): OutgoingMail {
  const parsed = outgoingMailSchema.safeParse({
    messageId: row.messageId,
    from: row.fromAddress,
    to: row.toAddresses,
    cc: row.ccAddresses,
    replyTo: row.replyTo,
    inReplyTo: row.inReplyTo,
    subject: row.subject,
    text: row.textBody,
    html: row.htmlBody,
    date,
  });
  if (!parsed.success) throw new UnsafeMailError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  return parsed.data;
}
