// Promise wrapper over google.script.run (Apps Script's client → server call). In Apps Script the object is
// provided by Google; in the browser preview (server/sidebar-preview) an equivalent shim posts to the local bridge.

interface ScriptRun {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRun;
  withFailureHandler(fn: (err: Error) => void): ScriptRun;
  [fn: string]: unknown;
}
declare const google: { script: { run: ScriptRun; host?: { close(): void } } };

export function call<T>(fn: string, ...args: unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as T))
      .withFailureHandler((err) => reject(err instanceof Error ? err : new Error(String(err))));
    const target = runner[fn];
    if (typeof target !== 'function') {
      reject(new Error(`Máy chủ không có hàm ${fn}`));
      return;
    }
    (target as (...a: unknown[]) => void).apply(runner, args);
  });
}

export function closeSidebar(): void {
  google.script.host?.close();
}
