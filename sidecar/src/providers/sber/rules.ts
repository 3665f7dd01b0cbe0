/**
 * Sber's time rules, shared by the connector (to refuse early with a clear message) and the
 * simulator (to refuse like the gateway would):
 * - a held authorisation (registerPreAuth.do) lives at most 7 days; deposit.do must come first;
 * - a paid order can be reversed only until 00:00 Moscow time of the payment day; a held
 *   authorisation until it is completed.
 */

const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Moscow time is UTC+3 all year (no daylight saving since 2014). */
const MOSCOW_OFFSET_MS = 3 * HOUR_MS;
export const HOLD_DAYS = 7;

/** When a hold made at `authorizedAt` stops being completable. */
export function depositDeadline(authorizedAt: number): number {
  return authorizedAt + HOLD_DAYS * DAY_MS;
}

/** The first 00:00 Moscow time after `at`. */
export function nextMoscowMidnight(at: number): number {
  return Math.floor((at + MOSCOW_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - MOSCOW_OFFSET_MS;
}

/**
 * Until when a paid order may be reversed. The payment day is the day the buyer paid (the
 * authorisation time Sber reports); UNCERTAIN for a hold completed on a later day (Sber may count
 * the completion day instead) — counting the authorisation day never promises a reversal Sber
 * would refuse.
 */
export function reverseDeadline(paidAt: number): number {
  return nextMoscowMidnight(paidAt);
}

/** Days left until `deadline`, rounded down to a tenth (negative once passed). */
export function daysLeft(deadline: number, now: number): number {
  return Math.floor(((deadline - now) / DAY_MS) * 10) / 10;
}
