/** The admin CLI's commands. A new command is a file in this folder and one line here. */
import type { CliCommand } from '../command';
import { exportCommand } from './export';

export const COMMANDS: readonly CliCommand[] = [exportCommand];
