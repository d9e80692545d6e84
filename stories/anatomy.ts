/**
 * The anatomy of an element, for designers: `<part-anatomy>` wraps the real element, outlines
 * every shadow part it shows with a numbered call-out and every slot with a labelled one, and
 * lists them in a legend whose descriptions come from the custom elements manifest (generated
 * from the element's JSDoc, so the picture cannot drift from the styling API).
 *
 * The call-outs follow the element as it changes step and as the viewport changes size; a story's
 * play function walks the element to a step as a person would, and the picture keeps up.
 */
import { getCustomElements } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';

export interface Documented {
  name: string;
  description?: string;
  default?: string;
}

export interface StylingApi {
  cssParts: Documented[];
  cssProperties: Documented[];
  slots: Documented[];
}

interface Manifest {
  modules?: Array<{ declarations?: Array<Partial<StylingApi> & { tagName?: string }> }>;
}

/** Parts, custom properties and slots of `tagName`, as the manifest Storybook was given lists them. */
export function stylingApi(tagName: string): StylingApi {
  const manifest = getCustomElements() as Manifest | undefined;
  const declaration = manifest?.modules?.flatMap((module) => module.declarations ?? []).find((candidate) => candidate.tagName === tagName);
  return { cssParts: declaration?.cssParts ?? [], cssProperties: declaration?.cssProperties ?? [], slots: declaration?.slots ?? [] };
}

/** What a page might put in each slot; a slot the manifest adds later still gets a stand-in. */
const slotContent: Record<string, string> = {
  header: '◆ Your logo',
  footer: 'Your terms, privacy or help links',
};

/**
 * What a `help-<step>` slot might hold. A `heading-<step>` slot is left empty: the heading part,
 * called out with its own words, is what it replaces, and a stand-in there would hide them.
 */
const stepSlotContent = (name: string) => (name.startsWith('help-') ? 'Your help for this step' : undefined);

/**
 * Visible stand-in content for the slots of `tagName`, to render inside the element so the slots
 * take up room in the picture (each step's own slots show on that step only). The default slot,
 * if the element ever gets one, is left empty.
 */
export function slotPlaceholders(tagName: string): TemplateResult[] {
  return stylingApi(tagName)
    .slots.filter((slot) => slot.name && !slot.name.startsWith('heading-'))
    .map(
      (slot) => html`<div
        slot=${slot.name}
        style="padding: 0.5rem 0.75rem; border-radius: 0.25rem; background: color-mix(in srgb, currentColor 8%, transparent); font-weight: 600; text-align: center"
      >
        ${slotContent[slot.name] ?? stepSlotContent(slot.name) ?? `Content of the “${slot.name}” slot`}
      </div>`,
    );
}

let turn: Promise<unknown> = Promise.resolve();

/**
 * A play function that waits for the one before it to finish. A docs page plays all its stories
 * at once, and typing goes wherever focus is: a click in one story would take the keys another
 * is typing.
 */
export function inTurn<Context>(play: (context: Context) => Promise<unknown>): (context: Context) => Promise<void> {
  return async (context) => {
    const mine = turn.then(() => play(context));
    turn = mine.catch(() => undefined);
    await mine;
  };
}

interface Callout {
  /** What the picture and the legend call it: a number for a part, the name for a slot. */
  label: string;
  kind: 'part' | 'slot';
  /** The part names on the node (most specific last, as the element writes them), or the slot name. */
  names: string[];
  node: Element;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const tagText = (callout: Callout) => (callout.kind === 'slot' ? `${callout.label} slot` : callout.label);

/** The legend's description of a node: its most specific part name's. */
function describe(callout: Callout, api: StylingApi): string {
  const list = callout.kind === 'slot' ? api.slots : api.cssParts;
  const specific = callout.names.at(-1) ?? '';
  return list.find((entry) => entry.name === specific)?.description ?? '';
}

const SVG = 'http://www.w3.org/2000/svg';

/**
 * Beside the element: parts in the margin on the start side, in two columns, slots in the margin
 * on the end side; each as level with the top of its box as the tags above it leave room for.
 */
function besideSpot(box: Box, size: { width: number; height: number }, placed: Box[], host: Box, rtl: boolean, kind: Callout['kind']): Box {
  const gap = 10;
  const column = 28;
  const left = (kind === 'part') !== rtl;
  const columns = kind === 'part' ? [0, 1] : [0];
  const xs = columns.map((index) => (left ? host.x - gap - index * (column + 4) - size.width : host.x + host.width + gap + index * (column + 4)));
  const first = box.y + Math.min(box.height / 2, 12) - size.height / 2;
  for (let row = 0; row < 400; row++) {
    for (const x of xs) {
      const candidate = { x, y: first + row * (size.height + 2), ...size };
      if (!placed.some((other) => overlaps(candidate, other))) return candidate;
    }
  }
  return { x: xs[0]!, y: first, ...size };
}

/**
 * On the box: a part's tag centred on its top start corner, a slot's inside its top end corner;
 * else the first place along the top edge, then down the side, that no earlier tag covers.
 */
function cornerSpot(box: Box, size: { width: number; height: number }, placed: Box[], rtl: boolean, kind: Callout['kind']): Box {
  const slot = kind === 'slot';
  const atEnd = slot !== rtl;
  const x = slot ? (atEnd ? box.x + box.width - size.width - 4 : box.x + 4) : atEnd ? box.x + box.width - size.width / 2 : box.x - size.width / 2;
  const first = { x, y: slot ? box.y + 4 : box.y - size.height / 2, ...size };
  const stepX = (atEnd ? -1 : 1) * (size.width + 3);
  const candidates: Box[] = [first];
  for (let step = 1; Math.abs(step * stepX) < box.width; step++) candidates.push({ ...first, x: first.x + step * stepX });
  for (let step = 1; step * (size.height + 3) < box.height; step++) candidates.push({ ...first, y: first.y + step * (size.height + 3) });
  return candidates.find((candidate) => !placed.some((other) => overlaps(candidate, other))) ?? first;
}

/** Descriptions quote names in backticks, as Markdown does: shown as code. */
function withCode(text: string): Node[] {
  return text.split('`').map((piece, index) => {
    if (index % 2 === 0) return document.createTextNode(piece);
    const code = document.createElement('code');
    code.textContent = piece;
    return code;
  });
}

/** The picture is rebuilt by hand on every layout change, so plain DOM and one stylesheet, no Lit. */
const styles = `
  :host {
    display: block;
    container-type: inline-size;
    --ink: #1b1f24;
    --muted: #4b535c;
    --rule: #c6ccd3;
    --chip: #eef1f5;
    --palette-0: #b0155a;
    --palette-1: #1257b0;
    --palette-2: #1d6b2a;
    --palette-3: #6a1b9a;
    --palette-4: #a4330a;
    --palette-5: #00645a;
    --on-palette: #ffffff;
    --slot: #5b4600;
    color: var(--ink);
    font: 0.875rem/1.4 system-ui, sans-serif;
  }
  :host([theme='dark']) {
    --ink: #e6e8eb;
    --muted: #b4bcc6;
    --rule: #3d444d;
    --chip: #22262b;
    --palette-0: #ff8fc0;
    --palette-1: #8cbcff;
    --palette-2: #8fd89a;
    --palette-3: #d6a4f0;
    --palette-4: #ffae85;
    --palette-5: #7fd8cc;
    --on-palette: #111418;
    --slot: #ffd866;
  }
  .anatomy {
    display: grid;
    gap: 1.5rem;
    align-items: start;
  }
  @container (min-width: 64rem) {
    .anatomy {
      grid-template-columns: minmax(0, 37rem) minmax(0, 1fr);
    }
  }
  .stage {
    position: relative;
    padding-block: 0.75rem;
  }
  /* Margins for the call-outs: numbers on the start side, slot names on the end side. */
  @container (min-width: 36rem) {
    .stage {
      padding-inline: 4.5rem 6.5rem;
    }
  }
  .layer {
    position: absolute;
    inset: 0;
    pointer-events: none;
  }
  .box {
    position: absolute;
    box-sizing: border-box;
    border: 1.5px solid var(--colour);
    border-radius: 3px;
  }
  .leaders {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    overflow: visible;
  }
  .leader {
    fill: none;
    stroke: var(--colour);
    stroke-width: 1.5;
  }
  .box.slot {
    border-style: dashed;
  }
  .tag {
    position: absolute;
    box-sizing: border-box;
    min-inline-size: 1.375rem;
    block-size: 1.375rem;
    padding-inline: 0.3rem;
    border-radius: 0.6875rem;
    background: var(--colour);
    color: var(--on-palette);
    font: 700 0.75rem/1.375rem system-ui, sans-serif;
    text-align: center;
    white-space: nowrap;
    box-shadow: 0 0 0 1.5px var(--on-palette);
  }
  .tag.slot {
    border-radius: 0.25rem;
  }
  .layer[data-focus] .box:not(.focus),
  .layer[data-focus] .tag:not(.focus),
  .layer[data-focus] .leader:not(.focus) {
    opacity: 0.12;
  }
  .layer[data-focus] .box.focus {
    border-width: 3px;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
  }
  caption {
    text-align: start;
    font-weight: 700;
    padding-block-end: 0.5rem;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.375rem 0.5rem;
    border-block-end: 1px solid var(--rule);
  }
  th {
    font-weight: 600;
  }
  tbody tr:hover {
    background: var(--chip);
  }
  .key {
    display: inline-block;
    min-inline-size: 1.375rem;
    padding-inline: 0.3rem;
    border-radius: 0.6875rem;
    background: var(--colour);
    color: var(--on-palette);
    font-weight: 700;
    text-align: center;
  }
  .key.slot {
    border-radius: 0.25rem;
  }
  code {
    font: 0.8125rem ui-monospace, SFMono-Regular, Menlo, monospace;
    background: var(--chip);
    border-radius: 0.25rem;
    padding: 0.0625rem 0.25rem;
    overflow-wrap: anywhere;
  }
  .also {
    color: var(--muted);
  }
  /* With room to spare, a part's name stays on one line; on a phone it breaks where it must. */
  @container (min-width: 36rem) {
    td > code {
      white-space: nowrap;
    }
  }
`;

/**
 * `<part-anatomy>`: its one child is the element to explain (`passkey-login` or
 * `passkey-login-approval`). Set `theme="dark"` to match a dark element.
 */
export class PartAnatomy extends HTMLElement {
  #stage: HTMLElement;
  #layer: HTMLElement;
  #legend: HTMLTableSectionElement;
  #legendKey = '';
  #observed: Element | undefined;
  #frame = 0;
  #mutations = new MutationObserver(() => this.#schedule());
  #resizes = new ResizeObserver(() => this.#draw());

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `
      <style>${styles}</style>
      <div class="anatomy">
        <div class="stage"><slot></slot><div class="layer" aria-hidden="true"></div></div>
        <table>
          <caption>Parts and slots in this picture</caption>
          <thead><tr><th scope="col">Call-out</th><th scope="col">Name</th><th scope="col">What it is</th></tr></thead>
          <tbody></tbody>
        </table>
      </div>`;
    this.#stage = root.querySelector('.stage')!;
    this.#layer = root.querySelector('.layer')!;
    this.#legend = root.querySelector('tbody')!;
    root.querySelector('slot')!.addEventListener('slotchange', () => this.#observe());
    // Hovering a row of the legend picks its call-out out of the picture.
    this.#legend.addEventListener('mouseover', (event) => this.#focus((event.target as Element).closest('tr')?.dataset.label));
    this.#legend.addEventListener('mouseleave', () => this.#focus(undefined));
  }

  connectedCallback() {
    this.#resizes.observe(this.#stage);
    this.#observe();
    // Call-outs measured before the fonts arrive would sit on the fallback font's lines.
    void document.fonts?.ready.then(() => this.#draw());
  }

  disconnectedCallback() {
    this.#mutations.disconnect();
    this.#resizes.disconnect();
    cancelAnimationFrame(this.#frame);
  }

  /** Watches the element: its shadow tree changes step by step, its slotted content may change. */
  #observe() {
    const target = this.#target();
    if (target === this.#observed) return;
    this.#mutations.disconnect();
    if (this.#observed) this.#resizes.unobserve(this.#observed);
    this.#observed = target;
    if (!target) return;
    this.#resizes.observe(target);
    this.#mutations.observe(target, { childList: true, subtree: true, attributes: true, characterData: true });
    if (target.shadowRoot) this.#mutations.observe(target.shadowRoot, { childList: true, subtree: true, attributes: true, characterData: true });
    // Not upgraded or not rendered yet: its shadow root comes with its first render.
    else requestAnimationFrame(() => this.#reobserve());
    this.#schedule();
  }

  #reobserve() {
    if (!this.isConnected) return;
    this.#observed = undefined;
    this.#observe();
  }

  #target(): Element | undefined {
    return this.shadowRoot?.querySelector('slot')?.assignedElements()[0];
  }

  /** Mutations come in bursts while a step renders: draw once, after layout, per frame. */
  #schedule() {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.#draw());
  }

  #callouts(target: Element): Callout[] {
    const drawn = (node: Element) => {
      if (!node.checkVisibility({ visibilityProperty: true }) || node.closest('.visually-hidden')) return false;
      const rect = node.getBoundingClientRect();
      return rect.width > 2 && rect.height > 2;
    };
    const parts: Callout[] = [...(target.shadowRoot?.querySelectorAll('[part]') ?? [])].filter(drawn).map((node, index) => ({
      label: String(index + 1),
      kind: 'part',
      names: (node.getAttribute('part') ?? '').split(/\s+/).filter(Boolean),
      node,
    }));
    const slots: Callout[] = [...target.children]
      .filter((node) => node.slot && drawn(node))
      .map((node) => ({ label: node.slot, kind: 'slot', names: [node.slot], node }));
    return [...parts, ...slots];
  }

  #draw() {
    const target = this.#target();
    if (!target?.shadowRoot) return;
    const api = stylingApi(target.localName);
    const callouts = this.#callouts(target);
    const origin = this.#stage.getBoundingClientRect();
    const relative = (rect: DOMRect): Box => ({ x: rect.left - origin.left, y: rect.top - origin.top, width: rect.width, height: rect.height });
    const host = relative(target.getBoundingClientRect());
    const rtl = getComputedStyle(target).direction === 'rtl';
    // Wide enough for margins beside the element: tags go there, with a leader line to their box,
    // and cover none of the element. Narrow: on the boxes' corners.
    const beside = parseFloat(getComputedStyle(this.#stage).paddingInlineStart) >= 48;
    const placed: Box[] = [];
    const measure = document.createElement('span');
    measure.className = 'tag';
    measure.style.visibility = 'hidden';
    this.#layer.replaceChildren(measure);
    const leaders = document.createElementNS(SVG, 'svg');
    leaders.setAttribute('class', 'leaders');
    const drawn: Element[] = [leaders];

    callouts.forEach((callout, index) => {
      // Just outside the node, so the outline crosses none of its text.
      const rect = relative(callout.node.getBoundingClientRect());
      const box: Box = { x: rect.x - 2, y: rect.y - 2, width: rect.width + 4, height: rect.height + 4 };
      const colour = callout.kind === 'slot' ? 'var(--slot)' : `var(--palette-${index % 6})`;
      const outline = document.createElement('div');
      outline.className = `box ${callout.kind}`;
      outline.dataset.label = callout.label;
      outline.style.cssText = `left:${box.x}px;top:${box.y}px;width:${box.width}px;height:${box.height}px;--colour:${colour}`;
      drawn.push(outline);

      measure.textContent = tagText(callout);
      const size = { width: measure.offsetWidth, height: measure.offsetHeight };
      const spot = beside ? besideSpot(box, size, placed, host, rtl, callout.kind) : cornerSpot(box, size, placed, rtl, callout.kind);
      placed.push(spot);
      const tag = document.createElement('span');
      tag.className = `tag ${callout.kind}`;
      tag.dataset.label = callout.label;
      tag.textContent = measure.textContent;
      tag.style.cssText = `left:${spot.x}px;top:${spot.y}px;--colour:${colour}`;
      drawn.push(tag);

      if (beside) {
        // From the tag's side nearest the element to the box's edge on that side, level with the
        // tag where the box is tall enough.
        const toStart = (callout.kind === 'part') !== rtl;
        const tagMiddle = spot.y + spot.height / 2;
        const line = document.createElementNS(SVG, 'polyline');
        const fromX = toStart ? spot.x + spot.width : spot.x;
        const toX = toStart ? box.x : box.x + box.width;
        const toY = Math.min(Math.max(tagMiddle, box.y + 3), box.y + box.height - 3);
        line.setAttribute('points', `${fromX},${tagMiddle} ${toX},${toY}`);
        line.setAttribute('class', `leader ${callout.kind}`);
        line.dataset.label = callout.label;
        line.style.setProperty('--colour', colour);
        leaders.append(line);
      }
    });
    this.#layer.replaceChildren(...drawn);
    this.#fillLegend(callouts, api);
  }

  #fillLegend(callouts: Callout[], api: StylingApi) {
    const key = callouts.map((callout) => `${callout.label}:${callout.names.join(' ')}`).join('|');
    if (key === this.#legendKey) return;
    this.#legendKey = key;
    this.#legend.replaceChildren(
      ...callouts.map((callout, index) => {
        const row = document.createElement('tr');
        row.dataset.label = callout.label;
        const colour = callout.kind === 'slot' ? 'var(--slot)' : `var(--palette-${index % 6})`;
        const specific = callout.names.at(-1);
        const others = callout.names.slice(0, -1);
        const name =
          callout.kind === 'slot'
            ? `<code>slot="${callout.label}"</code>`
            : `<code>::part(${specific})</code>${others.length ? `<div class="also">also ${others.map((other) => `<code>${other}</code>`).join(' ')}</div>` : ''}`;
        row.innerHTML = `<td><span class="key ${callout.kind}" style="--colour:${colour}">${tagText(callout)}</span></td><td>${name}</td><td></td>`;
        row.lastElementChild!.replaceChildren(...withCode(describe(callout, api)));
        return row;
      }),
    );
  }

  #focus(label: string | undefined) {
    if (label) this.#layer.dataset.focus = label;
    else delete this.#layer.dataset.focus;
    for (const drawn of this.#layer.querySelectorAll<HTMLElement | SVGElement>('[data-label]')) drawn.classList.toggle('focus', drawn.dataset.label === label);
  }
}

if (!customElements.get('part-anatomy')) customElements.define('part-anatomy', PartAnatomy);

declare global {
  interface HTMLElementTagNameMap {
    'part-anatomy': PartAnatomy;
  }
}
