// What core implements for each method of the contract: the receiving side's twin of
// `WorkbenchApi`. Derived from the contract, so a handler file needs only this, never the module
// that gathers the handlers together.
import type { z } from 'zod';
import type { AppInfo, Contract, MethodName, MethodResult } from './api';

export type Handlers = {
  [M in MethodName]: (args: z.output<Contract[M]['args']>) => MethodResult<M> | Promise<MethodResult<M>>;
};

/** The transport that carried a call (IPC, HTTP or the `cwb` command line); `getAppInfo` says which. */
export type Transport = AppInfo['transport'];
