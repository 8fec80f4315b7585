// The README's table of server options ("Server options") against what `chatdrop-server --help`
// prints: the same flags, with the same variables and defaults, neither listing one the other lacks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** `--flag <value> | VARIABLE | default`, one for each option `--help` prints. */
function optionsInHelp(): string[] {
  const help = execFileSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
  return [...help.matchAll(/^ {2}(--[a-z-]+(?: <[^>]+>)?) {2}([A-Z_]+(?:=1)?), default (.+)$/gm)].map(([, flag, variable, byDefault]) => `${flag} | ${variable} | ${byDefault}`);
}

/** The same, from the rows of the README's table under "### Server options". */
function optionsInReadme(): string[] {
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n### Server options\n')).split(/\n#{2,3} /)[1] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `--'))
    .map((line) => line.split(' | ').slice(0, 3).map((cell) => cell.replace(/^\| /, '').replaceAll('`', '')).join(' | '));
}

describe("the server's options", () => {
  it('are the same in `chatdrop-server --help` and in the README, with the same variables and defaults', () => {
    const help = optionsInHelp();
    const readme = optionsInReadme();
    assert.ok(help.length >= 25, `--help lists the options (found ${help.length})`);
    assert.deepEqual(readme.filter((option) => !help.includes(option)), [], 'in the README but not in --help');
    assert.deepEqual(help.filter((option) => !readme.includes(option)), [], 'in --help but not in the README');
    assert.equal(readme.length, help.length, 'no option twice in the README');
  });
});
