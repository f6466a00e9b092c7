// Chromium + the sidebar preview bridge over an in-memory school, for the sidebar tests.
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { registerSidebarPreview, type SidebarPreviewOptions } from '../../server/sidebar-preview/index.ts';
import { DEFAULT_ROOT } from '../../src/addon/build.ts';

export const SCREENSHOTS = join(DEFAULT_ROOT, 'test-output');

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

export interface Preview {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** A fastify app with only the preview mounted, on a free loopback port. */
export async function startPreview(opts: SidebarPreviewOptions, mount?: (app: FastifyInstance) => Promise<void>): Promise<Preview> {
  const app = Fastify({ logger: false });
  if (mount) await mount(app);
  await registerSidebarPreview(app, opts);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, name);
}
