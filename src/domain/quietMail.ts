// A second e-mail of the same sort within this time is taken for a double answer (two people
// answering one reminder, a double click), not a new one: it is refused and the first named.
export const mailQuietMs = 60 * 60_000;

/** The queued or sent row among `rows` created within the quiet time before `now`, if any. */
export function recentMail<T extends { status: string; createdAt: Date }>(rows: readonly T[], now: Date): T | undefined {
  return rows.find((r) => (r.status === "queued" || r.status === "sent") && now.getTime() - r.createdAt.getTime() < mailQuietMs);
}
