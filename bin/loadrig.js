#!/usr/bin/env node
import { existsSync } from 'node:fs';

const entry = new URL('../dist/harness/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'loadrig is not built: dist/ is missing. Run `npm run build` (npm ci does it for you).\n',
  );
  process.exit(4);
}
await import(entry.href);
