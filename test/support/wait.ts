/**
 * open-wc's `waitUntil` with room for a busy machine: it gives up after 1 s by default, which a
 * lazy chunk, a real server answer or a virtual authenticator can take when two test files share
 * two cores with everything else a CI run does. A real failure still fails, only later.
 */
import { waitUntil as waitUntilAtMost } from '@open-wc/testing';

const WAIT_MS = 5000;

export function waitUntil(
  predicate: () => unknown | Promise<unknown>,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return waitUntilAtMost(predicate, message, { timeout: WAIT_MS, ...options });
}
