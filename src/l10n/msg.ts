/**
 * `msg()` and `str` with the signatures of @lit/localize (its extractor and `lit-localize build`
 * read them, through the brand properties below), but looking words up in the catalog of the
 * element being rendered instead of one locale per page. Two reasons: @lit/localize can be
 * configured only once per page, and a page whose app already uses it must keep its own locale
 * and its own translations; and two elements on one page may each speak the language of their
 * own `lang`. Rendering is synchronous, so each element selects its catalog as it renders
 * (`speak()`), and every message is produced while rendering or from an event handler of the
 * element that selected it last.
 */
import type { TemplateResult } from 'lit';
import type { StrResult } from './str.js';

/**
 * One locale's words by message id, each turning the English message (its values, for a `str` or
 * `html` template) into the translation (see `catalogs.ts`).
 */
export type Catalog = Record<string, (source: string | StrResult | TemplateResult) => string | TemplateResult>;

interface MsgOptions {
  id: string;
  desc?: string;
}

declare function msgFn(template: string, options: MsgOptions): string;
declare function msgFn(template: StrResult, options: MsgOptions): string;
declare function msgFn(template: TemplateResult, options: MsgOptions): TemplateResult;

let words: Catalog | undefined;
/** The locale of the words rendered now: what `Intl` formats numbers and durations with. */
export let locale = 'en';

/** Selects the locale and catalog (none: the English in the source) for the messages produced next. */
export function speak<T extends { lang: string; words?: Catalog }>(speech: T): T {
  ({ lang: locale, words } = speech);
  return speech;
}

export const join = (strings: readonly string[], values: readonly unknown[]): string => strings.reduce((out, text, i) => `${out}${values[i - 1] as string}${text}`);

export const msg = ((template: string | StrResult | TemplateResult, { id }: MsgOptions) =>
  words?.[id]?.(template) ??
  (typeof template === 'string' || !('strTag' in template) ? template : join(template.strings, template.values))) as typeof msgFn & { _LIT_LOCALIZE_MSG_?: never };
