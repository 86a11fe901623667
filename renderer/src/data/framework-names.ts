// How a framework id reads to people: the built-ins by their label, imported ones by the name they
// were imported with (the current version's), falling back to the id while the list loads.
import { useCallback } from 'react';
import { useWorkbench } from './queries';
import { frameworkLabel, isBuiltinFramework } from '../../../shared/domain';

export function useFrameworkName(): (id: string) => string {
  const imported = useWorkbench('listFrameworks', {});
  const list = imported.data;
  return useCallback((id: string) => {
    if (isBuiltinFramework(id)) return frameworkLabel(id);
    const found = list?.find((f) => f.id === id && f.current) ?? list?.find((f) => f.id === id);
    return found ? found.name : frameworkLabel(id);
  }, [list]);
}
