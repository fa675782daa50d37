export type CalendarDate = { y: number; m: number; d: number };

const OSLO = "Europe/Oslo";

// Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
export function easterSunday(y: number): CalendarDate {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { y, m: month, d: day };
}

// Calendar arithmetic in UTC, where every day has 24 hours.
function toDayNumber({ y, m, d }: CalendarDate): number {
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function fromDayNumber(n: number): CalendarDate {
  const t = new Date(n * 86_400_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

const easterOffsets = [-3, -2, 0, 1, 39, 49, 50];
const fixedHolidays = ["1-1", "5-1", "5-17", "12-25", "12-26"];

export function isHoliday(date: CalendarDate): boolean {
  if (fixedHolidays.includes(`${date.m}-${date.d}`)) return true;
  const offset = toDayNumber(date) - toDayNumber(easterSunday(date.y));
  return easterOffsets.includes(offset);
}

export function isWeekend(date: CalendarDate): boolean {
  const weekday = new Date(toDayNumber(date) * 86_400_000).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function isWorkingDay(date: CalendarDate): boolean {
  return !isWeekend(date) && !isHoliday(date);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function zonedParts(instant: Date, timeZone: string) {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { y: get("year"), m: get("month"), d: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** The hour of day (0–23) at `instant` in Oslo. */
export function hourIn(instant: Date, timeZone: string = OSLO): number {
  return zonedParts(instant, timeZone).hour;
}

export function calendarDateIn(instant: Date, timeZone: string = OSLO): CalendarDate {
  const { y, m, d } = zonedParts(instant, timeZone);
  return { y, m, d };
}

function offsetMs(instant: number, timeZone: string): number {
  const p = zonedParts(new Date(instant), timeZone);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

// The zone's offset is looked up at the guessed instant and again at the
// corrected one, which settles on the right side of a DST change. A local time
// that does not exist (the skipped spring hour) lands an hour later, as clocks do.
export function zonedTimeToInstant(date: CalendarDate, hour: number, timeZone: string = OSLO): Date {
  const wall = Date.UTC(date.y, date.m - 1, date.d, hour);
  const first = wall - offsetMs(wall, timeZone);
  const second = wall - offsetMs(first, timeZone);
  return new Date(second === first ? first : Math.max(first, second));
}

/**
 * The instant at `hour`:00 local time on the `days`-th working day after the
 * local calendar date of `from`. With `days` = 0 it is `from`'s own date when
 * that is a working day, else the next working day.
 */
export function addWorkingDays(
  from: Date,
  days: number,
  opts: { hour?: number; timeZone?: "Europe/Oslo" } = {},
): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  const hour = opts.hour ?? 9;
  const timeZone = opts.timeZone ?? OSLO;
  let day = toDayNumber(calendarDateIn(from, timeZone));
  if (days === 0) {
    while (!isWorkingDay(fromDayNumber(day))) day++;
  }
  for (let left = days; left > 0; ) {
    day++;
    if (isWorkingDay(fromDayNumber(day))) left--;
  }
  return zonedTimeToInstant(fromDayNumber(day), hour, timeZone);
}

/**
 * Whole working days from `from` to `to` in Europe/Oslo: the working days after `from`'s local
 * calendar date, up to and including `to`'s. The time of day does not count, because people
 * speak of "answered on the second working day", not of hours: sent Monday 10:00 and confirmed
 * Wednesday 10:00 (or 09:00, or 16:00) is 2. The same day is 0; a `from` on a weekend or holiday
 * counts from the next working day. It is the inverse of addWorkingDays for n ≥ 1:
 * `workingDaysBetween(from, addWorkingDays(from, n)) === n`. Negative when `to` is before
 * `from`, so that bad data shows instead of hiding as 0.
 */
export function workingDaysBetween(from: Date, to: Date, timeZone: "Europe/Oslo" = OSLO): number {
  const start = toDayNumber(calendarDateIn(from, timeZone));
  const end = toDayNumber(calendarDateIn(to, timeZone));
  if (end < start) return -workingDaysBetween(to, from, timeZone);
  let count = 0;
  for (let day = start + 1; day <= end; day++) if (isWorkingDay(fromDayNumber(day))) count++;
  return count;
}
