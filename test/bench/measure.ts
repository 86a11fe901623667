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

/**
 * Median times of `a` and `b` over `runs` rounds, the two run one after the other in each round
 * (a, b, then b, a in the next): on a loaded machine both meet the same load, so their ratio holds.
 */
export async function pairedMedianMs(runs: number, a: () => unknown, b: () => unknown): Promise<[number, number]> {
  const [ma, mb] = await roundRobinMedianMs(runs, [a, b]);
  return [ma!, mb!];
}

/** The same for any number of figures: each round runs all of them, starting one further along. */
export async function roundRobinMedianMs(runs: number, fs: ReadonlyArray<() => unknown>): Promise<number[]> {
  const times = fs.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < fs.length; k++) {
      const j = (i + k) % fs.length;
      const t = performance.now();
      await fs[j]!();
      times[j]!.push(performance.now() - t);
    }
  }
  return times.map((xs) => roundMs([...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? NaN));
}
