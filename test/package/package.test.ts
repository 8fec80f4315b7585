// What `npm pack` ships, and whether a TypeScript user of the published types gets the tags,
// properties and events typed. Needs `npm run build` first (npm test does it).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the published package', () => {
  it('ships only the builds (the server among them), the demo page, the manifest, the README, the licence and package.json', () => {
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' })) as [{ files: { path: string }[] }];
    const paths = pack.files.map((file) => file.path);
    const unexpected = paths.filter((path) => !/^(dist\/|index\.html$|custom-elements\.json$|README\.md$|LICENSE$|package\.json$)/.test(path));
    assert.deepEqual(unexpected, []);
    for (const needed of ['dist/chatdrop.js', 'dist/lib/react.js', 'dist/chunks/thumbnail-worker.js', 'dist/lib/define.d.ts', 'dist/server/cli.js', 'index.html', 'custom-elements.json']) {
      assert.ok(paths.includes(needed), `${needed} is shipped`);
    }
    assert.ok(!paths.some((path) => path.endsWith('.map') || path.includes('.test.')), 'no source maps or tests');
  });

  it('gives TypeScript users typed tags, properties and events', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'chatdrop-types-'));
    try {
      await writeFile(join(folder, 'tsconfig.json'), JSON.stringify({
        compilerOptions: {
          strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2023', 'DOM', 'DOM.Iterable'], skipLibCheck: false, types: [],
          paths: { chatdrop: [join(ROOT, 'dist/lib/define.d.ts')] },
        },
        files: ['use.ts'],
      }));
      await writeFile(join(folder, 'use.ts'), `
import { WebSocketTransport, type SendDetail } from 'chatdrop';
const widget = document.querySelector('chat-widget')!;
widget.room = 'support';
widget.transport = new WebSocketTransport('/ws');
widget.uploadHandler = async (file, { onProgress }) => { onProgress(file.size, file.size); return { url: 'https://x/' + file.name }; };
// @ts-expect-error room is a string
widget.room = 42;
widget.addEventListener('chat-send', (event) => {
  const detail: SendDetail = event.detail;
  detail.files.forEach((staged) => staged.file.name);
});
widget.addEventListener('chat-download-done', (event) => event.detail.blob.size);
const bubble = document.createElement('file-bubble');
bubble.attachment = { url: 'https://x/a.pdf', name: 'a.pdf', size: 1, mime: 'application/pdf' };
`);
      execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', folder], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      assert.fail(`the consumer did not type-check:\n${(error as { stdout?: string }).stdout ?? error}`);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
