#!/usr/bin/env -S node --max-semi-space-size=2
// The young generation is capped at 2 MB per semi-space (V8's default grows it to 16 MB as a
// process ages): an hour-long soak otherwise steps its memory up by 20 MB or more long after
// warm-up, and the engine measured no slower with the cap. `node bin/loadrig.js` skips this
// line; pass the flag yourself there.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/harness/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'loadrig is not built: dist/ is missing. Run `npm run build` (npm ci does it for you).\n',
  );
  process.exit(4);
}
await import(entry.href);
