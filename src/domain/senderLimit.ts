// Anyone can mail the team mailbox, and a mail naming an open case ([DLG-n]) or giving Brreg's
// domain reaches Slack. So that nobody can fill a thread or the channel, a sender's mails reach
// Slack at most this many times an hour; the next one posts one line saying that more are not
// shown, and the rest of that hour's are only kept (InboundMail, the mailbox has them all).
// A constant, not a setting: it bounds a flood, and real senders never come near it.

/** Mails from one sender shown in Slack within any hour (by when the mail server received them). */
export const mailPostsPerSenderHour = 5;

export const senderWindowMs = 3600_000;

/** What became of a mail that would have been posted: shown, the one summary line instead, or kept only. */
export type MailPost = "shown" | "summary" | "held";

/** The post for the next mail, from what this sender's mails of the past hour got. Pure. */
export function nextMailPost(pastHour: { shown: number; summary: number }, perHour = mailPostsPerSenderHour): MailPost {
  if (pastHour.shown < perHour) return "shown";
  return pastHour.summary === 0 ? "summary" : "held";
}
