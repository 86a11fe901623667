// The one walk down a requirement tree, shared by the catalog index and the catalog checks.

/**
 * Every node at or beneath `id`, each once, depth first. Bad data with a cycle ends the walk
 * instead of looping (the catalog checks report the cycle itself).
 */
export function nodesBeneath(childrenOf: (id: string) => readonly string[], id: string): string[] {
  const out: string[] = [];
  const stack = [id];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    out.push(next);
    stack.push(...childrenOf(next));
  }
  return out;
}
