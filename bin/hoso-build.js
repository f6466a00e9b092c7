#!/usr/bin/env node
// `npm run build`: bundles the Apps Script add-on and the sidebar pages (see src/addon/build.ts).
import { register } from 'tsx/esm/api';

register();
const { buildAddon } = await import('../src/addon/build.ts');
await buildAddon();
