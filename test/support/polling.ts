import type { FakeMaskinporten } from "./fakeMaskinporten.js";

// The app polling the Maskinporten stand-in for a delegation, on a clock the test moves.

export const minSeconds = 60;
export const maxSeconds = 600;

/** The settings of a TEST client at the stand-in, polling every minute at first, giving up after a day. */
export function pollingEnv(mp: FakeMaskinporten, keyFile: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    MASKINPORTEN_TEST_CLIENT_ID: "vendor-client",
    MASKINPORTEN_TEST_KID: "vendor-kid",
    MASKINPORTEN_TEST_PRIVATE_KEY_FILE: keyFile,
    MASKINPORTEN_TEST_URL: mp.url,
    SCHEDULER_POLL_MS: "20",
    DELEGATION_POLL_MIN_SECONDS: String(minSeconds),
    DELEGATION_POLL_MAX_SECONDS: String(maxSeconds),
    DELEGATION_POLL_GIVE_UP_DAYS: "1",
    ...extra,
  };
}

/** A test clock: the app's `now`, moved on by hand (Maskinporten's grants keep the wall clock). Tuesday 10:00 in Oslo by default. */
export function testClock(start = "2026-12-01T09:00:00Z") {
  let at = new Date(start);
  return {
    now: () => at,
    advance(seconds: number) {
      at = new Date(at.getTime() + seconds * 1000);
    },
    set(to: Date) {
      at = to;
    },
  };
}
export type TestClock = ReturnType<typeof testClock>;
