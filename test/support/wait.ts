/** Polls until a check returns a value (not undefined), or fails with what was last seen. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  { timeoutMs = 20_000, intervalMs = 100, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what}${lastError instanceof Error ? `: ${lastError.message}` : ''}`,
  );
}

/** Polls until a query finds a row (Prisma's findFirst answers null until then). */
export function eventuallyFound<T>(find: () => Promise<T | null>, what: string): Promise<T> {
  return eventually(() => find().then((row) => row ?? undefined), { what });
}
