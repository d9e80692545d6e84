// @ts-check
// The demo page's Brand menu: puts one of the presets in brands.js on the page's <passkey-login>
// as inline custom properties, the way a site's stylesheet would, and remembers the choice on
// this browser. Set through the CSSOM (`style.setProperty`), which the page's CSP allows; a
// `style` attribute in the markup it would block. Loaded before the element's script, so a
// remembered brand is on the element before its first render.
import { BRANDS, PREFIX } from './brands.js';

const STORAGE_KEY = 'passkey-login-demo.brand';

/** Every property any preset sets, so switching brands leaves nothing of the last one behind. */
const ALL_TOKENS = [...new Set(Object.values(BRANDS).flatMap((brand) => Object.keys(brand.tokens)))];

/** @param {string} id @returns {id is keyof typeof BRANDS} */
const isBrand = (id) => Object.hasOwn(BRANDS, id);

/** localStorage can be missing or refuse (storage blocked, private modes): the menu still works. */
function remembered() {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

/** @param {string} id */
function remember(id) {
  try {
    if (id) localStorage.setItem(STORAGE_KEY, id);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Not remembered; the brand still applies to this page.
  }
}

/**
 * The element takes the brand's tokens; the card around it takes the brand's background, so a
 * brand with a background of its own (Developer tool) does not sit in a card of another colour.
 * @param {string} id `''` for the default look
 */
function apply(id) {
  const brand = isBrand(id) ? BRANDS[id] : undefined;
  for (const element of document.querySelectorAll('passkey-login')) {
    if (!(element instanceof HTMLElement)) continue;
    for (const token of ALL_TOKENS) element.style.removeProperty(PREFIX + token);
    for (const [token, value] of Object.entries(brand?.tokens ?? {})) if (value) element.style.setProperty(PREFIX + token, value);
    const card = element.closest('.card');
    if (!(card instanceof HTMLElement)) continue;
    const background = brand?.tokens['color-background'];
    if (background) card.style.setProperty('background', `light-dark(${background}, ${brand.tokens['color-background-dark'] ?? background})`);
    else card.style.removeProperty('background');
  }
}

const picker = document.querySelector('#brand-preset');
if (picker instanceof HTMLSelectElement) {
  const saved = remembered();
  if (isBrand(saved)) picker.value = saved;
  apply(picker.value);
  picker.addEventListener('change', () => {
    apply(picker.value);
    remember(picker.value);
  });
}
