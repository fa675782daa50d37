// When the app asks Maskinporten next about a case's delegation. Pure: the service applies it.

/** The golden ratio's fraction: consecutive case ids land evenly spread over an interval. */
const phi = 0.6180339887498949;

/**
 * When a verified case is checked again: on its own slot of the interval (its phase set by its
 * id), so that hundreds of cases verified in the same minute (an import, an upgrade) do not ask
 * Maskinporten in the same minute ever after. The slot is the first one at least half an
 * interval from now: the gap between two checks stays between half and one and a half
 * intervals, a whole one on average.
 */
export function nextRecheckAt(now: Date, caseId: number, intervalMs: number): Date {
  const phase = ((caseId * phi) % 1) * intervalMs;
  const earliest = now.getTime() + intervalMs / 2;
  const slots = Math.ceil((earliest - phase) / intervalMs);
  return new Date(phase + slots * intervalMs);
}
