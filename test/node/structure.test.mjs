// @ts-check
// The tree says what depends on what. Modules of src/ import each other without a circle, type
// imports included; the shared views import no step; and nothing outside src/steps/ imports a
// step's code (types aside, and `steps.ts`, the lazy chunk's entry), so each capability in
// src/steps/ loads only with that chunk.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

const SRC = 'src';
const files = readdirSync(SRC, { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.ts') && !file.startsWith('locales'));

/** Each module's relative imports: `{ to, typeOnly }`, `to` relative to src/. */
const graph = new Map(
  files.map((file) => {
    const source = readFileSync(join(SRC, file), 'utf8');
    const imports = [...source.matchAll(/^(?:import|export)\s+(type\s+)?([^;]*?)\s*from\s+'(\.[^']+)'/gm)].map(([, typeKeyword, bindings, path]) => ({
      to: relative(SRC, resolve(SRC, dirname(file), path)).replace(/\.js$/, '.ts'),
      typeOnly: Boolean(typeKeyword) || /^\{\s*(type\s+[^,}]+,?\s*)+\}$/.test(bindings.trim()),
    }));
    // Dynamic imports are how chunks load: not a dependency of the importer's own code.
    return [file, imports.filter((entry) => files.includes(entry.to))];
  }),
);

/** Strongly connected components with more than one module (Tarjan). */
function circles() {
  let index = 0;
  const stack = [];
  const order = new Map();
  const low = new Map();
  const onStack = new Set();
  const found = [];
  const visit = (/** @type {string} */ file) => {
    order.set(file, index);
    low.set(file, index);
    index += 1;
    stack.push(file);
    onStack.add(file);
    for (const { to } of graph.get(file) ?? []) {
      if (!order.has(to)) {
        visit(to);
        low.set(file, Math.min(low.get(file), low.get(to)));
      } else if (onStack.has(to)) low.set(file, Math.min(low.get(file), order.get(to)));
    }
    if (low.get(file) === order.get(file)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!order.has(file)) visit(file);
  return found;
}

describe('src/: what depends on what', () => {
  it('found the modules and their imports', () => {
    assert.ok(files.length > 40, `only ${files.length} modules`);
    assert.ok([...graph.values()].flat().length > 100);
  });

  it('no import circles, type imports included', () => {
    assert.deepEqual(circles(), []);
  });

  it('the shared views import no step, not even its types', () => {
    for (const [file, imports] of graph) {
      if (!file.startsWith('views/')) continue;
      assert.deepEqual(imports.filter(({ to }) => to.startsWith('steps/') || to === 'steps.ts').map(({ to }) => to), [], file);
    }
  });

  it('outside src/steps/, only types come from a step (and steps.ts, the chunk entry, gathers them)', () => {
    for (const [file, imports] of graph) {
      if (file.startsWith('steps/') || file === 'steps.ts') continue;
      const code = imports.filter(({ to, typeOnly }) => !typeOnly && (to.startsWith('steps/') || to === 'steps.ts'));
      // The fallbacks' response checks are the fallbacks' own, kept with the other checks.
      const allowed = file === 'backend/validate-fallbacks.ts';
      if (!allowed) assert.deepEqual(code.map(({ to }) => to), [], file);
    }
  });
});
