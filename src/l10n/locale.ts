/**
 * What the entry file knows of languages: whether an element needs anything beyond the English of
 * the source. Everything else (matching tags to our locales, loading words, following `lang` and
 * `dir` changes) is in `localizer.ts`, its own small file: before the first render for any other
 * language; for English, only where the quick look below cannot tell all, or once a `lang` or
 * `dir` on the page changes.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Catalog } from './msg.js';
import { idle } from '../idle.js';

/** A site's own words, by locale, applied over ours in the order they were added. */
export type Messages = Record<string, string>;
export const added: Record<string, (Messages | (() => Promise<Messages>))[]> = {};

/** What an element renders with: the locale its words are in, the direction, the words (none: English). */
export interface Speech {
  lang: string;
  dir?: string;
  words?: Catalog;
}

/** The host side of localization, implemented by both elements. */
export interface Speaker extends HTMLElement, ReactiveControllerHost {
  speech: Speech;
}

/** Follows `host`'s language from now on (connected or not); settles when its first words are in. */
const follow = (host: Speaker): Promise<void> => import('./localizer.js').then((module) => module.localize(host), () => {});

/** English elements of the page the localizer does not follow yet: it will from the first `lang` or `dir` change. */
const waiting = new Set<Speaker>();
/** Made on the first connect that needs it, not at module scope (a server render has none). */
let changes: MutationObserver | undefined;

/**
 * Starts following `host`'s language on connect. The quick look: the nearest `lang` in its own
 * tree, else the page's, else the browser's language.
 * - Not English (or a site added words): the localizer loads, and the first render waits for it.
 * - English, and the quick look tells all the localizer would (the element is in the page's own
 *   tree, and no `dir` is declared outside its language's element, as in
 *   `<div dir="rtl"><p lang="en">`, where the localizer gives the language's own direction): the
 *   localizer loads only when a `lang` or `dir` on the page changes (a site's language switcher),
 *   so an English page view does without its file.
 * - Otherwise (in a shadow root, whose host's `lang` only the localizer sees): once the page has
 *   a moment, after the first render and after the answers that arm autofill.
 */
export function connected(host: Speaker): Promise<void> | undefined {
  const language = host.closest('[lang]');
  const direction = host.closest('[dir]');
  if (!/^en\b/i.test((language ?? document.documentElement).getAttribute('lang') || navigator.language) || Object.keys(added).length) return follow(host);
  // A `dir` with no `lang` around it at all (rare) is left to the localizer too.
  if (!document.contains(host) || (direction && !language?.contains(direction))) return void idle(() => void follow(host));
  // Elements a page took away since are let go (one that comes back connects again), so an app
  // that mounts and unmounts the element keeps no old ones alive.
  for (const waited of waiting) if (!waited.isConnected) waiting.delete(waited);
  waiting.add(host);
  (changes ??= new MutationObserver(() => {
    for (const waited of waiting) if (waited.isConnected) void follow(waited);
    waiting.clear();
    // Nothing left to wait for: the next English element to connect observes again.
    changes!.disconnect();
  })).observe(document.documentElement, { subtree: true, attributeFilter: ['lang', 'dir'] });
  return undefined;
}
