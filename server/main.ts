/**
 * `npm start`: runs the reference server for the demo, configured from the environment variables
 * listed in `command-line.ts` (`SERVER_OPTIONS`, and the README's "Server options"; the packaged
 * `chatdrop-server` also takes them as flags). Without JWT keys it runs open and says so first; with
 * `NODE_ENV=production` it refuses to, unless `ALLOW_OPEN=1`, as `chatdrop-server` always does.
 * It prints the demo page's address for Alice and for Bob, to open in two tabs.
 */
import { serve } from './serve.ts';

await serve(process.env);
