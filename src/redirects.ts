/**
 * Where to go after sign-in. Loaded with the steps chunk: only a successful sign-in needs it.
 */

function resolve(target: string | undefined): URL | undefined {
  if (!target) return undefined;
  try {
    return new URL(target, globalThis.location.href);
  } catch {
    return undefined;
  }
}

/** The `redirect` attribute may leave the site, but only to a web page (never `javascript:`). */
export function webUrl(target: string | undefined): string | undefined {
  const url = resolve(target);
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url.href : undefined;
}

/** Only same-origin redirects are followed when the backend names one, so a tampered answer cannot send users elsewhere. */
export function safeRedirect(target: string | undefined): string | undefined {
  const url = resolve(target);
  return url && url.origin === globalThis.location.origin ? url.href : undefined;
}
