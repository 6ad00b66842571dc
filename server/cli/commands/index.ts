/** The admin CLI's commands. A new command is a file in this folder and one line here. */
import type { CliCommand } from '../command';
import { auditCommand } from './audit';
import { createApiKeyCommand } from './create-api-key';
import { createOperatorCommand } from './create-operator';
import { disableOperatorCommand } from './disable-operator';
import { escalateCommand } from './escalate';
import { enableOperatorCommand } from './enable-operator';
import { exportCommand } from './export';
import { importPlacesCommand } from './import-places';
import { listOperatorsCommand } from './list-operators';
import { pruneAttachmentsCommand } from './prune-attachments';
import { reportCommand } from './report';
import { resetPasswordCommand } from './reset-password';
import { retrainCommand } from './retrain';
import { routingCommand } from './routing';
import { timeLimitsCommand } from './time-limits';

export const COMMANDS: readonly CliCommand[] = [
  exportCommand,
  createOperatorCommand,
  disableOperatorCommand,
  enableOperatorCommand,
  resetPasswordCommand,
  listOperatorsCommand,
  auditCommand,
  pruneAttachmentsCommand,
  routingCommand,
  timeLimitsCommand,
  escalateCommand,
  retrainCommand,
  createApiKeyCommand,
  importPlacesCommand,
  reportCommand,
];
