/**
 * The ranges numbers from a backend must fall in to mean anything: past them a wait becomes a
 * countdown of years (or overflows a timer and fires at once), a code of 0 digits can never be
 * typed. Out-of-range values are bounded, and the developer hears about it.
 */
import type { Report } from './client.js';

/** The longest wait, validity or cooldown the element believes, in seconds. */
export const MAX_SECONDS = 86_400;

/** NIST SP 800-63B caps failed attempts at 100; more tries left than that is not a real count. */
export const MAX_TRIES = 100;

/** Digits a one-time code may have. */
export const CODE_LENGTH = { min: 4, max: 12 } as const;

/** `value` within `[min, max]`; an out-of-range value is bounded and reported. */
export function bounded(value: number, min: number, max: number, what: string, report: Report): number {
  if (value >= min && value <= max) return value;
  const kept = Math.min(max, Math.max(min, value));
  report('out-of-range', `The backend's ${what} of ${value} is outside ${min}–${max}; ${kept} is used.`);
  return kept;
}
