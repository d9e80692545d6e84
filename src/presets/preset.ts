/**
 * What a preset is: the endpoints, adapter and ways in that make the element speak a known
 * backend's own API. A preset sits under the element's own settings: whatever the site sets
 * (`endpoints`, `adapter`, `methods`) wins over it, operation by operation.
 */
import type { BackendAdapter, EndpointMap } from '../backend/config.js';
import type { Method } from '../machine/types.js';

export interface Preset {
  /** Paths (`path`, under the element's `endpoint`) and methods of the backend's routes. */
  endpoints?: EndpointMap;
  adapter?: BackendAdapter;
  /** The ways in the backend has, used when the site sets no `methods`. */
  methods?: Method[];
}

/** A preset module's default export: the preset, for the options the backend needs. */
export type PresetFactory<Options = Record<string, never>> = (options?: Options) => Preset;

/**
 * The presets that ship, by the name `preset="…"` takes. Each is its own module (its own file
 * next to the script-tag build), loaded only by a page that names it.
 */
export const PRESETS: Readonly<Record<string, () => Promise<{ default: PresetFactory<never> }>>> = {
  'better-auth': () => import('./better-auth.js'),
  authjs: () => import('./authjs.js'),
};
