/**
 * Runs `work` once the page has a moment: after the tasks already queued, such as the answers
 * that arm autofill, which a timer would run ahead of. A timer where there is no
 * `requestIdleCallback` (Safari). Nothing it runs is urgent: the English words' follower and the
 * way in used last time, which only adds a hint.
 */
export const idle = (work: () => void): void => void (globalThis.requestIdleCallback ?? setTimeout)(work);
