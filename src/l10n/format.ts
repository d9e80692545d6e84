/**
 * Numbers in the person's words and grammar, through `Intl` in the locale being rendered: no
 * hard-coded units or plural endings in any message.
 */
import { locale } from './msg.js';

/** A duration as words: "30 seconds", "10 minutes", "2 hours". */
export function duration(seconds: number): string {
  const [value, unit] =
    seconds < 60 ? [Math.max(1, Math.ceil(seconds)), 'second'] : seconds < 7200 ? [Math.ceil(seconds / 60), 'minute'] : [Math.ceil(seconds / 3600), 'hour'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** A countdown as a clock, for a button that comes back when it reaches zero: "0:23". */
export function clock(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  const format = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2 });
  return `${Math.floor(whole / 60)}:${format.format(whole % 60)}`;
}

/**
 * The sentence for `count` in the plural form its language uses (CLDR categories: Arabic has
 * six, Polish and Russian four, English two). Each form is its own message, so translators
 * write every form their grammar has; forms a language lacks are never chosen.
 */
export function plural<T>(count: number, forms: { one: () => T; two: () => T; few: () => T; many: () => T; other: () => T }): T {
  const category = new Intl.PluralRules(locale).select(count);
  return (category === 'zero' ? forms.other : forms[category])();
}
