#!/usr/bin/env node
// The `hoso` command. TypeScript sources are loaded through tsx (no build step after `npm ci`).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/main.ts');
await main(process.argv.slice(2));
