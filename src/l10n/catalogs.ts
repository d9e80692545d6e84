/**
 * The translations, each its own file loaded when an element first speaks its language, and the
 * words a site adds over them. `src/locales/` is written by `npm run localize` from `xliff/`.
 */
import { added } from './locale.js';
import { html, type TemplateResult } from 'lit';
import { join, type Catalog } from './msg.js';
import type { StrResult } from './str.js';

/** A translation as `lit-localize build` writes it: its values are positions in the English message's. */
type Template = string | StrResult | TemplateResult;
type Module = Promise<{ templates: Record<string, Template> }>;

const ours: Record<string, () => Module> = {
  'ar': () => import('../locales/ar.js'),
  'de': () => import('../locales/de.js'),
  'es': () => import('../locales/es.js'),
  'fr': () => import('../locales/fr.js'),
  'he': () => import('../locales/he.js'),
  'hi': () => import('../locales/hi.js'),
  'id': () => import('../locales/id.js'),
  'it': () => import('../locales/it.js'),
  'ja': () => import('../locales/ja.js'),
  'ko': () => import('../locales/ko.js'),
  'nl': () => import('../locales/nl.js'),
  'pl': () => import('../locales/pl.js'),
  'pt-BR': () => import('../locales/pt-BR.js'),
  'ru': () => import('../locales/ru.js'),
  'sv': () => import('../locales/sv.js'),
  'tr': () => import('../locales/tr.js'),
  'uk': () => import('../locales/uk.js'),
  'vi': () => import('../locales/vi.js'),
  'zh-Hans': () => import('../locales/zh-Hans.js'),
  'zh-Hant': () => import('../locales/zh-Hant.js'),
  'en-XA': () => import('../locales/en-XA.js'),
};

/** The nearest locale we (or the site) have for a language tag: `de-AT` → `de`, `pt` → `pt-BR`, `zh-TW` → `zh-Hant`. */
export function match(tag: string): string | undefined {
  const have = ['en', ...Object.keys(ours), ...Object.keys(added)];
  const find = (name: string) => have.find((code) => code.toLowerCase() === name.toLowerCase());
  // Most tags need no likely-subtags data: the tag itself, or its language where that has one
  // locale of ours. Intl is asked only for the rest (a Chinese tag's script, an old code such
  // as `iw`): its first `maximize()` on a page loads that data: about 7 ms of main thread, just as
  // the first answers come in.
  const language = tag.split('-')[0]!.toLowerCase();
  const quick = find(tag) ?? (language === 'zh' ? undefined : language === 'pt' ? 'pt-BR' : find(language));
  if (quick) return quick;
  try {
    const locale = new Intl.Locale(tag);
    const full = locale.maximize();
    // Portuguese without a region reads Brazilian Portuguese best of what we have.
    const near = [locale.baseName, `${full.language}-${full.script}`, full.language === 'pt' ? 'pt-BR' : full.language];
    return near.map(find).find(Boolean);
  } catch {
    return undefined;
  }
}

/** A site's message as a template: `{0}`, `{1}` are the English sentence's values, in its order. */
function template(text: string): Template {
  const parts = text.split(/\{(\d+)\}/);
  return parts.length === 1
    ? text
    : { strTag: true, strings: parts.filter((_, i) => i % 2 === 0), values: parts.filter((_, i) => i % 2 === 1).map(Number) };
}

/** A translation as a function of the English message's values (a sentence may reorder them). */
function translate(found: Template): Catalog[string] {
  if (typeof found === 'string') return () => found;
  return (english) => {
    const values = found.values.map((at) => (english as StrResult).values[at as number]);
    if (!('strTag' in found)) return { ...found, values };
    // A site's own words for a sentence with markup: its values stay isolated, as in ours.
    return typeof english === 'string' || 'strTag' in english
      ? join(found.strings, values)
      : (found.strings.map((text, i) => (i ? html`<bdi>${values[i - 1]}</bdi>${text}` : text)) as unknown as TemplateResult);
  };
}

/**
 * The first of `tags` we have, and its words: ours (for a locale a site added, those of its
 * language if we have it: a site's `de-CH` starts from our `de`), then the site's, in the order
 * it added them. English when none matches.
 */
export async function catalog(tags: string[]): Promise<[string, Catalog]> {
  const locale = tags.map(match).find(Boolean) ?? 'en';
  const load = ours[locale] ?? ours[locale.split('-')[0]!];
  const found: Record<string, Template> = { ...(load && (await load()).templates) };
  for (const messages of added[locale] ?? []) {
    for (const [id, text] of Object.entries(typeof messages === 'function' ? await messages() : messages)) found[id] = template(text);
  }
  return [locale, Object.fromEntries(Object.entries(found).map(([id, text]) => [id, translate(text)]))];
}
