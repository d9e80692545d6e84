/**
 * Where to go after sign-in. Loaded with the secondary chunk: only a successful sign-in needs it.
 */

/** The `redirect` attribute may leave the site, but only to a web page (never `javascript:`). */
export function webUrl(target: string | undefined): string | undefined {
  if (!target) return undefined;
  try {
    const url = new URL(target, globalThis.location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Only same-origin redirects are followed when the backend names one, so a tampered answer cannot send users elsewhere. */
export function safeRedirect(target: string | undefined): string | undefined {
  if (!target) return undefined;
  try {
    const url = new URL(target, globalThis.location.href);
    return url.origin === globalThis.location.origin ? url.href : undefined;
  } catch {
    return undefined;
  }
}
