/**
 * `AbortSignal.any()` where the browser has it; elsewhere (Safari before 17.4, Firefox before 124,
 * which already offer passkey autofill) a signal that aborts when either input does.
 */
export function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const controller = new AbortController();
  for (const signal of [a, b]) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}
