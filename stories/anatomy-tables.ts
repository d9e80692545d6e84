/**
 * The reference tables of an anatomy docs page, read from the custom elements manifest: custom
 * properties with a swatch of each default, slots, and every part (the pictures show only the
 * parts of the steps they catch). React, because docs pages are; no JSX, so the type-check needs
 * no extra setting for three small tables.
 */
import { createElement as h, type CSSProperties, type ReactNode } from 'react';
import { stylingApi, type Documented } from './anatomy.js';

/** "Text colour (dark: #e6e8eb)." → the sentence and the dark scheme's default, if it has one. */
function splitDark(description = ''): { text: string; dark: string | undefined } {
  const match = /\s*\(dark: ([^)]+)\)/.exec(description);
  return { text: match ? description.replace(match[0], '') : description, dark: match?.[1] };
}

const chip: CSSProperties = {
  display: 'inline-block',
  verticalAlign: 'middle',
  marginInlineEnd: '0.5rem',
  boxSizing: 'border-box',
};

/** What a default looks like: a colour, a corner, a length, a typeface or a size. */
function swatch(property: string, value: string): ReactNode {
  const name = property.replace('--passkey-login-', '');
  if (name.startsWith('color-')) {
    return h('span', { style: { ...chip, inlineSize: '1.5rem', blockSize: '1.5rem', borderRadius: '0.25rem', background: value, border: '1px solid rgb(0 0 0 / 0.35)' } });
  }
  if (name === 'radius') {
    return h('span', { style: { ...chip, inlineSize: '2rem', blockSize: '1.5rem', borderRadius: value, border: '2px solid #57606a' } });
  }
  if (name === 'font-family') return h('span', { style: { ...chip, fontFamily: value } }, 'Aa');
  if (name === 'font-size') return h('span', { style: { ...chip, fontSize: value } }, 'Aa');
  // A length: drawn to scale, so 1rem of spacing and 26rem of width look as far apart as they are.
  return h('span', { style: { ...chip, inlineSize: value, maxInlineSize: '100%', blockSize: '0.5rem', borderRadius: '0.25rem', background: '#57606a' } });
}

function defaultValue(property: string, text: string | undefined, scheme: string): ReactNode {
  if (!text) return null;
  return h('div', { style: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', marginBlock: '0.25rem' } }, swatch(property, text), h('code', null, text), scheme ? h('span', { style: { marginInlineStart: '0.5rem' } }, scheme) : null);
}

function table(caption: string, headings: string[], rows: ReactNode[][]): ReactNode {
  return h(
    'table',
    { style: { inlineSize: '100%' } },
    h('caption', { style: { textAlign: 'start', fontWeight: 700, paddingBlockEnd: '0.5rem' } }, caption),
    h('thead', null, h('tr', null, ...headings.map((heading) => h('th', { key: heading, scope: 'col', style: { textAlign: 'start' } }, heading)))),
    h('tbody', null, ...rows.map((cells, index) => h('tr', { key: index }, ...cells.map((cell, column) => h('td', { key: column }, cell))))),
  );
}

/** Descriptions quote names in backticks, as Markdown does: shown as code. */
const withCode = (text = ''): ReactNode[] => text.split('`').map((piece, index) => (index % 2 === 0 ? piece : h('code', { key: index }, piece)));

const named = (entry: Documented, wrap: (name: string) => string) => h('code', null, wrap(entry.name));

/** Every custom property with its default, drawn, for the light scheme and (where it differs) the dark one. */
export function CustomProperties({ tag }: { tag: string }) {
  return table(
    `Custom properties of <${tag}>`,
    ['Property', 'Default', 'What it sets'],
    stylingApi(tag).cssProperties.map((entry) => {
      const { text, dark } = splitDark(entry.description);
      return [named(entry, (name) => name), h('div', null, defaultValue(entry.name, entry.default, dark ? 'light' : ''), defaultValue(entry.name, dark, 'dark')), withCode(text)];
    }),
  );
}

export function Slots({ tag }: { tag: string }) {
  return table(
    `Slots of <${tag}>`,
    ['Slot', 'What goes there'],
    stylingApi(tag).slots.map((entry) => [named(entry, (name) => (name ? `slot="${name}"` : '(default)')), withCode(entry.description)]),
  );
}

export function Parts({ tag }: { tag: string }) {
  return table(
    `Every part of <${tag}>`,
    ['Part', 'What it is'],
    stylingApi(tag).cssParts.map((entry) => [named(entry, (name) => `::part(${name})`), withCode(entry.description)]),
  );
}
