// Waiting after failures: one doubling rule for every retry loop (the outbox's sends, the
// mailbox's reconnects, Maskinporten polls), so their schedules read the same.

/** The wait after the n-th failure in a row (n ≥ 1): `min`, doubling, capped at `max` (any unit). */
export function doublingDelay(failures: number, min: number, max: number): number {
  const exponent = Math.max(0, failures - 1);
  // 2^exponent overflows to Infinity long after the cap; Math.min keeps it finite.
  return Math.min(max, min * 2 ** Math.min(exponent, 60));
}

/**
 * After a temporary failure: the next attempt, never later than the give-up time (one last try
 * right then), or null when the give-up time has come and the row should fail.
 */
export function nextAttempt(now: Date, since: Date, failedAttempts: number, policy: { retryMinSeconds: number; retryMaxSeconds: number; giveUpHours: number }): Date | null {
  const giveUpAt = since.getTime() + policy.giveUpHours * 3_600_000;
  if (now.getTime() >= giveUpAt) return null;
  const next = now.getTime() + doublingDelay(failedAttempts, policy.retryMinSeconds, policy.retryMaxSeconds) * 1000;
  return new Date(Math.min(next, giveUpAt));
}
