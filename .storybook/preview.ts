import { setCustomElementsManifest, type Decorator, type Preview, type WebComponentsRenderer } from '@storybook/web-components-vite';
import type { ArgTypesEnhancer } from 'storybook/internal/types';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { configure } from 'storybook/test';

interface Member {
  name: string;
  privacy?: string;
}
interface Manifest {
  modules?: Array<{ declarations?: Array<{ members?: Member[] }> }>;
}

// The manifest is generated from the element's JSDoc (`npm run manifest`). A glob rather than an
// import: in a checkout where it has not been generated yet Storybook still starts, and the dev
// server picks the file up once it appears.
const [manifest] = Object.values(
  import.meta.glob<Manifest>('../custom-elements.json', { eager: true, import: 'default' }),
);

/** The analyzer lists `#private` fields; as controls they would invite editing internals. */
function withoutPrivateMembers(source: Manifest): Manifest {
  return {
    ...source,
    modules: source.modules?.map((module) => ({
      ...module,
      declarations: module.declarations?.map((declaration) => ({
        ...declaration,
        members: declaration.members?.filter((member) => member.privacy !== 'private' && !member.name.startsWith('#')),
      })),
    })),
  };
}

if (manifest) setCustomElementsManifest(withoutPrivateMembers(manifest));

/**
 * Stories render the element from its attributes. Properties, events, slots and styling hooks
 * stay in the docs table, but a control for them would change nothing on screen.
 */
const attributesOnlyControls: ArgTypesEnhancer<WebComponentsRenderer> = ({ argTypes }) =>
  Object.fromEntries(
    Object.entries(argTypes).map(([name, argType]) => {
      const category = argType.table?.category;
      return [name, category && category !== 'attributes' ? { ...argType, control: false as const } : argType];
    }),
  );

const pageColours = {
  light: { background: '#eef1f5', colorScheme: 'light' },
  dark: { background: '#0b0d10', colorScheme: 'dark' },
} as const;

/** Every language the element speaks, by its own name, and the pseudo-locale for overflow checks. */
const LOCALES: [code: string, name: string][] = [
  ['en', 'English'],
  ['ar', 'العربية'],
  ['de', 'Deutsch'],
  ['es', 'Español'],
  ['fr', 'Français'],
  ['he', 'עברית'],
  ['hi', 'हिन्दी'],
  ['id', 'Bahasa Indonesia'],
  ['it', 'Italiano'],
  ['ja', '日本語'],
  ['ko', '한국어'],
  ['nl', 'Nederlands'],
  ['pl', 'Polski'],
  ['pt-BR', 'Português (Brasil)'],
  ['ru', 'Русский'],
  ['sv', 'Svenska'],
  ['tr', 'Türkçe'],
  ['uk', 'Українська'],
  ['vi', 'Tiếng Việt'],
  ['zh-Hans', '简体中文'],
  ['zh-Hant', '繁體中文'],
  ['en-XA', 'Pseudo-locale (accented, 40 % longer)'],
];

/**
 * The toolbar's theme reaches the element through its own `theme` attribute, so what designers
 * see is what a site setting the attribute gets; the language and `dir` sit on ancestors, as on a
 * real page. Arabic and Hebrew are right to left by themselves; "Right to left" shows any
 * language mirrored.
 */
const page: Decorator = (story, { args, globals, viewMode }) => {
  const theme = globals.theme === 'dark' ? 'dark' : 'light';
  const lang = LOCALES.some(([code]) => code === globals.locale) ? String(globals.locale) : 'en';
  const style = {
    background: pageColours[theme].background,
    'color-scheme': pageColours[theme].colorScheme,
    padding: '2rem',
    // In docs the story sits among text; only the canvas should fill the viewport.
    'min-block-size': viewMode === 'docs' ? 'auto' : '100vh',
    'box-sizing': 'border-box',
  };
  const content = story({ args: { ...args, theme } });
  return html`<div lang=${lang} style=${styleMap(style)}>${globals.direction === 'rtl' ? html`<div dir="rtl">${content}</div>` : content}</div>`;
};

// Play functions' waitFor and findBy* give up after 5 s rather than Testing Library's 1 s: a
// story's lazy chunk or mocked answer can take longer than that when the stories are checked
// in a headless browser on a busy machine. A story that never gets there still fails.
configure({ asyncUtilTimeout: 5_000 });

const preview: Preview = {
  decorators: [page],
  argTypesEnhancers: [attributesOnlyControls],
  loaders: [
    mswLoader(async () => {
      const worker = setupWorker();
      await worker.start({
        // Relative, so a Storybook published under a sub-path finds the worker next to iframe.html.
        serviceWorker: { url: './mockServiceWorker.js' },
        quiet: true,
        // Storybook's own modules and assets go through the same worker: let them pass silently.
        onUnhandledFrame: 'bypass',
      });
      return worker;
    }),
  ],
  globalTypes: {
    theme: {
      description: 'Colour scheme of the element and the page around it',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Language of the page (the element follows it)',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: LOCALES.map(([value, title]) => ({ value, title })),
        dynamicTitle: true,
      },
    },
    direction: {
      description: 'Writing direction of the page',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', direction: 'ltr', locale: 'en' },
  parameters: {
    // The flow reads top to bottom as a person meets it; failures come after.
    options: { storySort: { order: ['Passkey login', ['Flow', 'Failures']] } },
    layout: 'fullscreen',
    controls: { expanded: true, sort: 'requiredFirst' },
  },
};

export default preview;
