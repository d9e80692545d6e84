/**
 * `str` for messages with values, as @lit/localize's (its extractor recognises it by the brand
 * below). Apart from `msg()`, so that the entry file, whose messages have no values, goes without.
 */
/** What `str` makes; the same shape as @lit/localize's, so generated locale modules fit. */
export interface StrResult {
  strTag: true;
  strings: readonly string[];
  values: unknown[];
}

export const str = ((strings: TemplateStringsArray, ...values: unknown[]): StrResult => ({ strTag: true, strings, values })) as ((
  strings: TemplateStringsArray,
  ...values: unknown[]
) => StrResult) & { _LIT_LOCALIZE_STR_?: never };
