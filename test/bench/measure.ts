// Timing helpers shared by the benchmarks: the median wall time of a few runs, in ms to 0.1.
export const roundMs = (ms: number): number => Math.round(ms * 10) / 10;

/** Runs `f` `runs` times (awaiting it when it returns a promise) and gives the median time. */
export async function medianMs(runs: number, f: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return roundMs(times[Math.floor(times.length / 2)] ?? NaN);
}
