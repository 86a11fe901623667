// What the handlers know of the process that carries them: which transport, which database file.
import type { Transport } from '../../../shared/handlers';
import type { OpenOptions } from '../store/database';

export type HandlerEnv = {
  transport: Transport;
  databasePath: string;
  /** How the database was opened: a restore opens it again the same way. */
  openOptions?: OpenOptions;
};
