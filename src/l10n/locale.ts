/**
 * What the entry file knows of languages: whether an element needs anything beyond the English of
 * the source. Everything else (matching tags to our locales, loading words, following `lang` and
 * `dir` changes) is in `localizer.ts`, its own small file: before the first render for any other
 * language, after it for English.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Catalog } from './msg.js';
import { idle } from '../idle.js';

/** A site's own words, by locale, applied over ours in the order they were added. */
export type Messages = Record<string, string>;
export const added: Record<string, (Messages | (() => Promise<Messages>))[]> = {};

/**
 * Whether `element` needs words that are not the source's English (ours, or a site's `en`) before
 * it renders. A quick look (the nearest `lang` in its own tree, else the page's, else the
 * browser's language); the localizer then looks properly, through shadow roots and every browser
 * language, and loads a site's `en-GB` words, say, right after the first render.
 */
export const foreign = (element: Element): boolean =>
  !/^en\b/i.test((element.closest('[lang]') ?? document.documentElement).getAttribute('lang') || navigator.language) || Object.keys(added).length > 0;

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

/**
 * Starts following `host`'s language on connect: what its first render waits for when that is
 * not English; for English, once the page has a moment (after the first render, and after the
 * answers that arm autofill where they are already in).
 */
export function connected(host: Speaker): Promise<void> | undefined {
  return foreign(host) ? follow(host) : void idle(() => void follow(host));
}
