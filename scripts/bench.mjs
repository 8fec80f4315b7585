// `npm run bench -- NAME [options]`: runs `bench/NAME.ts` (helpers live in `bench/lib/`) with the
// global WebSocket and tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [name, ...rest] = process.argv.slice(2);
const available = readdirSync(new URL('../bench/', import.meta.url)).filter((file) => /^[a-z0-9-]+\.ts$/.test(file)).map((file) => file.slice(0, -3));
if (!name || !/^[a-z0-9-]+$/.test(name) || !existsSync(new URL(`../bench/${name}.ts`, import.meta.url))) {
  console.error(`Usage: npm run bench -- NAME [options], NAME one of: ${available.join(', ')}`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--experimental-websocket', '--disable-warning=ExperimentalWarning', '--import', 'tsx', `bench/${name}.ts`, ...rest], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
