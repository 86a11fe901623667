// The contract's framework methods: frameworks brought by the user (electron/core/frameworks),
// their stored versions, import, and the mapping of their requirements to our controls.
import { z } from 'zod';
import { FrameworkRef } from './domain';
import { FrameworkDocument, FrameworkImportResult, FrameworkMapResult, FrameworkMappingView, RequirementMapping, StoredFramework } from './framework-import';
import { method } from './contract-common';

export const frameworksContract = {
  listFrameworks: method(() => z.object({}), () => z.array(StoredFramework)),
  importFramework: method(() => z.object({ file: FrameworkDocument, catalog: FrameworkDocument.optional() }), () => FrameworkImportResult),
  getFrameworkMapping: method(() => z.object({ framework: FrameworkRef }), () => FrameworkMappingView),
  setFrameworkMapping: method(() => z.object({ framework: FrameworkRef, requirements: z.array(RequirementMapping).min(1, 'name at least one requirement').max(5000) }), () => FrameworkMapResult),
  mapFrameworkFile: method(() => z.object({ framework: FrameworkRef, file: FrameworkDocument }), () => FrameworkMapResult),
} as const;
