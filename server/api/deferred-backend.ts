// A Backend whose target is bound after the server listens: `npm start` serves the workspace and the service on
// one port, and the service's googleapis clients need that port's URL, known only once listening.
import type { Backend } from '../google/backend.ts';

export interface DeferredBackend extends Backend {
  bind(target: Backend): void;
}

export function deferredBackend(admin: string): DeferredBackend {
  let target: Backend | undefined;
  const t = (): Backend => {
    if (!target) throw new Error('backend used before the server was listening');
    return target;
  };
  return {
    get kind() {
      return target?.kind ?? 'embedded';
    },
    get rootUrl() {
      return target?.rootUrl;
    },
    get admin() {
      return target?.admin ?? admin;
    },
    get calls() {
      return target?.calls;
    },
    get limiter() {
      return target?.limiter;
    },
    sheets: (user) => t().sheets(user),
    drive: (user) => t().drive(user),
    docs: (user) => t().docs(user),
    close: async () => target?.close(),
    bind(b) {
      target = b;
    },
  } as DeferredBackend;
}
