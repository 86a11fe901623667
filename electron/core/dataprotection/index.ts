// The data protection toolkit's public surface: PII discovery, masked copies, k-anonymity.
// Transports (IPC, HTTP, CLI) call these; everything else in this folder is internal.
export { scanFile, detectFormat, type ScanOptions } from './scan';
export { maskCsv, loadMaskRules, parseMaskRules, type MaskOptions } from './mask';
export { kAnonymity, type KAnonymityOptions } from './kanon';
export { DataFileError } from './errors';
export { maskSample } from './samples';
