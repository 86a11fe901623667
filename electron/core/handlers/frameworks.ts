// Frameworks brought by the user: list the stored versions, import one, map its requirements to
// our controls (one requirement at a time from the app, or a whole mapping file).
import type { Handlers } from '../../../shared/handlers';
import type { CoreContext } from '../context';
import { frameworkMapping, importFramework, listFrameworks, mapFrameworkFile, setFrameworkMapping } from '../frameworks/store';

type FrameworkMethod = 'listFrameworks' | 'importFramework' | 'getFrameworkMapping' | 'setFrameworkMapping' | 'mapFrameworkFile';

export function frameworkHandlers(ctx: CoreContext): Pick<Handlers, FrameworkMethod> {
  return {
    listFrameworks: () => listFrameworks(ctx),
    importFramework: ({ file, catalog }) => importFramework(ctx, file, catalog),
    getFrameworkMapping: ({ framework }) => frameworkMapping(ctx, framework),
    setFrameworkMapping: ({ framework, requirements }) => setFrameworkMapping(ctx, framework, requirements),
    mapFrameworkFile: ({ framework, file }) => mapFrameworkFile(ctx, framework, file),
  };
}
