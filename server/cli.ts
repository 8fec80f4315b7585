#!/usr/bin/env node
/**
 * `chatdrop-server`, the package's `bin` (built to `dist/server/cli.js`): the reference server as a
 * production start, configured by flags and environment variables (`command-line.ts`; `--help`
 * lists them). Without a JWT key it refuses to run open unless `--allow-open` or `ALLOW_OPEN=1`.
 * Exits with 2 on a command line it cannot run.
 */
import { helpText, packageVersion, readCommandLine, UsageError } from './command-line.ts';
import { serve } from './serve.ts';

try {
  const command = readCommandLine(process.argv.slice(2), process.env);
  if (command.action === 'help') console.log(helpText());
  else if (command.action === 'version') console.log(packageVersion());
  else await serve(command.env, {}, true, 'service');
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`chatdrop-server: ${error.message}\nRun \`chatdrop-server --help\` to see the options.`);
  process.exitCode = 2;
}
