// A notice is kept as JSON until the Slack worker posts it, and notices carry dates (when mail went
// out, when a retry is due). JSON has no dates, so a Date is written as {"$date": "<ISO>"} and read
// back as a Date: every notice kind round-trips without a schema of its own.

export type StoredJson = string | number | boolean | null | StoredJson[] | { [key: string]: StoredJson };

/** `value` as JSON for the database: Dates tagged, undefined fields left out. */
export function toStoredJson(value: unknown): StoredJson {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map(toStoredJson);
  if (value !== null && typeof value === "object") {
    const out: { [key: string]: StoredJson } = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toStoredJson(v);
    return out;
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value === null) return value;
  throw new TypeError(`not storable as JSON: ${typeof value}`);
}

/** JSON read back from the database, with its tagged Dates as Dates again. */
export function fromStoredJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromStoredJson);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    const [only] = entries;
    if (entries.length === 1 && only?.[0] === "$date" && typeof only[1] === "string") return new Date(only[1]);
    return Object.fromEntries(entries.map(([k, v]) => [k, fromStoredJson(v)]));
  }
  return value;
}
