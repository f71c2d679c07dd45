// Jest global teardown: stops what the global setup started, in reverse order (the setup shares its list through
// globalThis, which Jest keeps between the two).
export interface Stopper {
  name: string;
  stop: () => Promise<void>;
}

declare global {
  var __ONNARA_TEST_SERVICES__: Stopper[] | undefined;
}

/** Stops each once, newest first; one failing does not keep the others running. */
export async function stopTestServices(stoppers: Stopper[]): Promise<void> {
  for (const { name, stop } of stoppers.splice(0).reverse()) {
    try {
      await stop();
    } catch (err) {
      console.error(`[test teardown] failed to stop ${name}:`, err);
    }
  }
}

export default async function globalTeardown(): Promise<void> {
  await stopTestServices(globalThis.__ONNARA_TEST_SERVICES__ ?? []);
}
