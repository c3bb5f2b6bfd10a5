/**
 * Whether a team is within its business hours right now, and when it opens next, computed in
 * the integration's IANA time zone with Intl (DST-aware, no time-zone library).
 */
import type { Availability, BusinessHours, Weekday } from '../../src/core/protocol.js';
import { WEEKDAYS, minutesOf } from './settings.js';

/** How far ahead the next opening is looked for. */
const SEARCH_DAYS = 370;
const DAY_MS = 24 * 3600 * 1000;

/** A wall-clock moment in a zone. */
interface LocalTime {
  /** `YYYY-MM-DD`. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The zone's wall clock at `instant`, as UTC milliseconds of the same wall-clock reading. */
function wallClock(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

function localTime(instant: number, timeZone: string): LocalTime {
  const wall = new Date(wallClock(instant, timeZone));
  return {
    date: wall.toISOString().slice(0, 10),
    weekday: WEEKDAYS[wall.getUTCDay()]!,
    minutes: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
  };
}

/** The instant at which the zone's wall clock reads `wall` (UTC milliseconds of that reading); a time skipped by DST lands just after the gap. */
function instantOf(wall: number, timeZone: string): number {
  const offsetAt = (instant: number) => wallClock(instant, timeZone) - instant;
  const first = wall - offsetAt(wall - offsetAt(wall));
  if (wallClock(first, timeZone) === wall) return first;
  // In a spring-forward gap the two candidates straddle it: the later one is just after the gap.
  return Math.max(first, wall - offsetAt(first));
}

/** Availability at `now` under `hours` (null = always open). */
export function availabilityAt(hours: BusinessHours | null, now: Date = new Date()): Availability {
  if (!hours) return { open: true };
  const instant = Math.floor(now.getTime() / 1000) * 1000;
  const holidays = new Set(hours.holidays);
  const today = localTime(instant, hours.timeZone);
  const intervalsOf = (weekday: Weekday) => hours.weekly[weekday] ?? [];
  const openNow = !holidays.has(today.date) &&
    intervalsOf(today.weekday).some((interval) => minutesOf(interval.open) <= today.minutes && today.minutes < minutesOf(interval.close));
  if (openNow) return { open: true };
  const midnight = Date.parse(`${today.date}T00:00:00Z`);
  for (let day = 0; day <= SEARCH_DAYS; day += 1) {
    const wallMidnight = midnight + day * DAY_MS;
    const date = new Date(wallMidnight);
    const key = date.toISOString().slice(0, 10);
    if (holidays.has(key)) continue;
    for (const interval of intervalsOf(WEEKDAYS[date.getUTCDay()]!)) {
      const opens = instantOf(wallMidnight + minutesOf(interval.open) * 60_000, hours.timeZone);
      if (opens > instant) return { open: false, nextOpen: new Date(opens).toISOString() };
    }
  }
  return { open: false };
}
