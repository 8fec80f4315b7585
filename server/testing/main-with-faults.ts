/**
 * The reference server for tests that run it as a child process (`scripts/server-process.mjs`
 * with `faults: true`): `main.ts` plus the HTTP faults a request can ask for (`http-faults.ts`).
 */
import { serve } from '../serve.ts';
import { httpFaults } from './http-faults.ts';

await serve(process.env, { plugins: [httpFaults] });
