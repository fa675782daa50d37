import { lookupUnit, type RegisterAnswer, type RegisterSettings } from "../integrations/enhetsregisteret.js";

export type { RegisterAnswer };

interface Entry {
  promise: Promise<RegisterAnswer>;
  answer?: RegisterAnswer;
  expiresAt: number;
}

/**
 * Register lookups per modal session (keyed by the view's root id), started as soon as a step
 * names an org number so the review usually finds them done. In memory on purpose: an answer is
 * advice, and a replica that never saw the session simply asks again.
 */
export class OrderRegisterChecks {
  private readonly lookups = new Map<string, Entry>();
  /** bumped whenever a session shows a new view, so a late update cannot overwrite a newer step */
  private readonly generations = new Map<string, { value: number; expiresAt: number }>();

  constructor(
    private readonly settings: RegisterSettings,
    private readonly sessionMs = 60 * 60_000,
    // A failed lookup is kept briefly only: the register may be back when the user returns.
    private readonly unavailableMs = 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Starts the lookup unless this session already has it; never rejects. */
  start(session: string, orgnr: string): Promise<RegisterAnswer> {
    this.prune();
    const key = `${session}:${orgnr}`;
    const existing = this.lookups.get(key);
    if (existing) return existing.promise;
    const entry: Entry = {
      promise: lookupUnit(this.settings, orgnr).then((answer) => {
        entry.answer = answer;
        entry.expiresAt = this.clock() + (answer.status === "unavailable" ? this.unavailableMs : this.sessionMs);
        return answer;
      }),
      expiresAt: this.clock() + this.sessionMs,
    };
    this.lookups.set(key, entry);
    return entry.promise;
  }

  /** The answer when the lookup has finished. */
  peek(session: string, orgnr: string): RegisterAnswer | undefined {
    return this.lookups.get(`${session}:${orgnr}`)?.answer;
  }

  /** Marks that the session shows a new view; returns its generation. */
  bump(session: string): number {
    const value = (this.generations.get(session)?.value ?? 0) + 1;
    this.generations.set(session, { value, expiresAt: this.clock() + this.sessionMs });
    return value;
  }

  generation(session: string): number {
    return this.generations.get(session)?.value ?? 0;
  }

  private prune(): void {
    const now = this.clock();
    for (const [key, entry] of this.lookups) if (entry.answer && entry.expiresAt < now) this.lookups.delete(key);
    for (const [key, g] of this.generations) if (g.expiresAt < now) this.generations.delete(key);
  }
}
