/**
 * The locale the element's words are in right now: what `Intl` formats numbers and durations
 * with, so they read in the same language as the sentence around them.
 */
let active = 'en';

export const activeLocale = (): string => active;

export function setActiveLocale(locale: string): void {
  active = locale;
}
