// The drop-in build's `namespace-emitter` (src/shims/namespace-emitter.ts) behaves as the package
// does: the same script of `on`, `once`, `off` and `emit` makes both call the same listeners with
// the same arguments, in the same order.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import createShim from '../../src/shims/namespace-emitter.ts';

type Emitter = ReturnType<typeof createShim>;
const createReal = createRequire(import.meta.url)('namespace-emitter') as () => Emitter;

/** Runs one script on `emitter`, saying which listener heard what. */
function run(emitter: Emitter): string[] {
  const heard: string[] = [];
  const listener = (name: string) => (...args: unknown[]) => void heard.push(`${name} ${JSON.stringify(args)}`);
  const [a, b, all, upload, once] = ['a', 'b', 'all', 'upload', 'once'].map(listener) as [ReturnType<typeof listener>, ReturnType<typeof listener>, ReturnType<typeof listener>, ReturnType<typeof listener>, ReturnType<typeof listener>];
  emitter.on('progress', a);
  emitter.on('progress', b);
  emitter.on('*', all);
  emitter.on('upload', upload);
  emitter.once('progress', once);
  emitter.emit('progress', 1, { sent: 2 });
  emitter.emit('progress', 3);
  emitter.emit('upload:success', 'file', 7, 8, 9, 10, 11, 12);
  emitter.emit('nobody');
  emitter.off('progress', a);
  emitter.emit('progress', 4);
  emitter.off('progress', a); // not there any more
  emitter.off('upload');
  emitter.emit('upload:error', 'gone');
  emitter.off('progress', b);
  emitter.emit('progress', 5);
  return heard;
}

describe("the drop-in build's namespace-emitter", () => {
  it('calls the same listeners with the same arguments as the package', () => {
    const heard = run(createShim());
    assert.deepEqual(heard, run(createReal()));
    assert.ok(heard.length >= 10, heard.join('\n'));
  });
});
