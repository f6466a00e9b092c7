// Each test file builds the add-on into its own temporary folder: test files run in parallel and must not race on
// dist/addon (and `npm run build` output stays untouched by tests).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAddon, type BuildAddonResult } from '../../src/addon/build.ts';

export async function buildForTest(): Promise<BuildAddonResult> {
  return buildAddon({ outDir: join(mkdtempSync(join(tmpdir(), 'hoso-addon-')), 'addon') });
}
