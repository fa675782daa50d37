// When the case channel hears that a Maskinporten key or certificate is about to end: 30, 14, 7,
// 3 and 1 days before, and once when it has ended. Pure.

export const expiryThresholdDays = [30, 14, 7, 3, 1, 0] as const;

/** Home and the start's log warn below these. */
export const homeWarningDays = 30;
export const startWarningDays = 7;

/**
 * The announcement due with `daysLeft` (fractions of a day count): the nearest threshold it has
 * reached, so a start 10 days before the end announces the 14-day one only. Null above 30 days.
 */
export function thresholdReached(daysLeft: number): number | null {
  const reached = expiryThresholdDays.filter((t) => daysLeft <= t);
  return reached.length ? Math.min(...reached) : null;
}
