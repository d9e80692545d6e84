/**
 * Following an element's language: matching its tags to the locales we (or the site) have,
 * loading the words, choosing the direction, and doing it again when a `lang` or `dir` changes
 * on the element or an ancestor (a site's language switcher) or when a site adds words.
 */
import { catalog } from './catalogs.js';
import type { ReactiveController } from 'lit';
import type { Speaker } from './locale.js';

/** The nearest element with a `lang`, looking out of shadow roots too. */
function declaring(element: Element): Element | undefined {
  for (let node: Element | undefined = element; node; node = (node.getRootNode() as ShadowRoot).host) {
    const found = node.closest('[lang]');
    if (found) return found;
  }
  return undefined;
}

/** The language tags to try for `element`, in order: its own or an ancestor's `lang`, then the browser's. */
const wanted = (element: Element): string[] => [declaring(element)?.getAttribute('lang') || '', ...navigator.languages].filter(Boolean);

const connected = new Set<Localizer>();

/** One per element, for as long as the element lives; connected and disconnected with it. */
class Localizer implements ReactiveController {
  readonly #host: Speaker;
  /** The tags the words were chosen for. */
  #tags?: string;
  readonly #languages = new MutationObserver(() => void this.choose());
  /** The first words, for the first render to wait for. */
  readonly ready: Promise<void>;

  constructor(host: Speaker) {
    this.#host = host;
    this.ready = this.choose();
    // Connected now, so this also starts following `lang` and `dir` changes.
    host.addController(this);
  }

  hostConnected(): void {
    connected.add(this);
    this.#languages.observe(document.documentElement, { subtree: true, attributeFilter: ['lang', 'dir'] });
    void this.choose();
  }

  hostDisconnected(): void {
    connected.delete(this);
    this.#languages.disconnect();
  }
  /** Chooses again (`again`: even for the same tags, after a site added words); settles when the words are in. */
  async choose(again = false): Promise<void> {
    const host = this.#host;
    const tags = wanted(host);
    const key = String(tags);
    const speech = host.speech;
    if (key !== this.#tags || again) {
      this.#tags = key;
      try {
        const [lang, words] = await catalog(tags);
        if (this.#tags !== key) return;
        speech.lang = lang;
        speech.words = words;
      } catch {
        // Offline: the words stay those last loaded; nothing waits for them forever.
      }
    }
    // The locale's direction, unless a `dir` is declared as close to the element as its
    // language (a site that sets `dir` on the element, the Storybook "RTL" toolbar).
    const language = declaring(host);
    const declared = host.closest('[dir]');
    speech.dir = declared && (!language || language.contains(declared)) ? declared.getAttribute('dir') ?? undefined : /^(ar|he|fa|ur)\b/.test(speech.lang) ? 'rtl' : 'ltr';
    host.requestUpdate();
  }
}

const localizers = new WeakMap<Speaker, Localizer>();

/** Starts following `host`'s language (once per element); settles when its first words are in. */
export function localize(host: Speaker): Promise<void> {
  let localizer = localizers.get(host);
  if (!localizer) localizers.set(host, (localizer = new Localizer(host)));
  return localizer.ready;
}

/** After a site added words: every element on the page loads its words again. */
export const relocalize = (): Promise<unknown> => Promise.all([...connected].map((localizer) => localizer.choose(true)));
