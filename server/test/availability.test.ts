// Business hours in an integration's time zone: open now or not, and the next opening, across
// holidays, weekends, midnight and daylight-saving changes (Intl only, no clock mocking: fixed instants).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BusinessHours } from '../../src/core/protocol.js';
import { availabilityAt } from '../integrations/availability.js';

const weekdays = { mon: [{ open: '09:00', close: '17:00' }], tue: [{ open: '09:00', close: '17:00' }], wed: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '17:00' }], thu: [{ open: '09:00', close: '17:00' }], fri: [{ open: '09:00', close: '17:00' }] };
const berlin: BusinessHours = { timeZone: 'Europe/Berlin', weekly: weekdays, holidays: ['2026-12-24', '2026-12-25'] };
const at = (hours: BusinessHours | null, iso: string) => availabilityAt(hours, new Date(iso));

test('no business hours means always open', () => {
  assert.deepEqual(at(null, '2026-11-29T03:00:00Z'), { open: true });
});

test('open within the hours of the local day, closed outside, with the next opening in UTC', () => {
  // Monday 2026-11-23, Berlin is UTC+1 in winter.
  assert.deepEqual(at(berlin, '2026-11-23T08:00:00Z'), { open: true }, '09:00 local opens');
  assert.deepEqual(at(berlin, '2026-11-23T15:59:59Z'), { open: true });
  assert.deepEqual(at(berlin, '2026-11-23T16:00:00Z'), { open: false, nextOpen: '2026-11-24T08:00:00.000Z' }, '17:00 local closes');
  assert.deepEqual(at(berlin, '2026-11-23T07:30:00Z'), { open: false, nextOpen: '2026-11-23T08:00:00.000Z' }, 'before opening: today');
  // Wednesday lunch break.
  assert.deepEqual(at(berlin, '2026-11-25T11:30:00Z'), { open: false, nextOpen: '2026-11-25T12:00:00.000Z' });
  // Friday evening: next is Monday.
  assert.deepEqual(at(berlin, '2026-11-27T17:00:00Z'), { open: false, nextOpen: '2026-11-30T08:00:00.000Z' });
  // 23:30 UTC on Sunday is already Monday 00:30 in Berlin.
  assert.deepEqual(at(berlin, '2026-11-29T23:30:00Z'), { open: false, nextOpen: '2026-11-30T08:00:00.000Z' });
});

test('holidays are closed all day and skipped when looking ahead', () => {
  assert.deepEqual(at(berlin, '2026-12-24T10:00:00Z'), { open: false, nextOpen: '2026-12-28T08:00:00.000Z' });
  assert.deepEqual(at(berlin, '2026-12-23T17:00:00Z'), { open: false, nextOpen: '2026-12-28T08:00:00.000Z' });
});

test('daylight saving: the same local hour is a different UTC hour', () => {
  // Berlin goes to UTC+2 on Sunday 2026-03-29; Monday 09:00 is 07:00 UTC.
  assert.deepEqual(at(berlin, '2026-03-27T18:00:00Z'), { open: false, nextOpen: '2026-03-30T07:00:00.000Z' });
  // New York goes to UTC-4 on 2026-03-08; an opening inside the skipped hour lands just after the gap.
  const night: BusinessHours = { timeZone: 'America/New_York', weekly: { sun: [{ open: '02:30', close: '05:00' }] }, holidays: [] };
  assert.deepEqual(at(night, '2026-03-08T05:00:00Z'), { open: false, nextOpen: '2026-03-08T07:30:00.000Z' });
  const berlinNight: BusinessHours = { timeZone: 'Europe/Berlin', weekly: { sun: [{ open: '02:30', close: '05:00' }] }, holidays: [] };
  assert.deepEqual(at(berlinNight, '2026-03-28T12:00:00Z'), { open: false, nextOpen: '2026-03-29T01:30:00.000Z' });
});

test('an overnight shift split at midnight is open on both sides; 24:00 closes at midnight', () => {
  const late: BusinessHours = { timeZone: 'Asia/Tokyo', weekly: { fri: [{ open: '22:00', close: '24:00' }], sat: [{ open: '00:00', close: '02:00' }] }, holidays: [] };
  // Tokyo is UTC+9 all year: Friday 23:00 local = 14:00 UTC; Saturday 01:00 local = Friday 16:00 UTC.
  assert.deepEqual(at(late, '2026-11-27T14:00:00Z'), { open: true });
  assert.deepEqual(at(late, '2026-11-27T16:00:00Z'), { open: true });
  assert.deepEqual(at(late, '2026-11-27T17:00:00Z'), { open: false, nextOpen: '2026-12-04T13:00:00.000Z' });
});

test('no hours at all: closed with no next opening', () => {
  assert.deepEqual(at({ timeZone: 'UTC', weekly: {}, holidays: [] }, '2026-11-23T10:00:00Z'), { open: false });
});
