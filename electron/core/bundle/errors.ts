// Every refusal of a bundle is a BUNDLE_INVALID error that names the problem, and the entry when
// there is one; nothing is written before the whole bundle has passed.
import { WorkbenchError } from '../errors';

export function bundleInvalid(problem: string, entry?: string): WorkbenchError {
  const where = entry ? ` (entry "${entry}")` : '';
  return new WorkbenchError('BUNDLE_INVALID', `This bundle cannot be imported: ${problem}${where}. Nothing was imported.`, entry ? { entry } : undefined);
}
