/** `escalate`: runs the escalation sweep once now (what the server does every ESCALATION_INTERVAL_S) and prints what it did. */
import { createAuditLog } from '../../store/audit';
import { runEscalation } from '../../workflow/escalation';
import { workflowConfigFromEnv } from '../../workflow/env';
import { createWorkflow } from '../../workflow/service';
import { flags } from '../accounts';
import type { CliCommand } from '../command';
import { withDatabase } from '../open-database';

export const escalateCommand: CliCommand = {
  name: 'escalate',
  usage: 'escalate',
  summary: 'route waiting grievances, escalate those past their time limit (L1 → L2 → L3 → L4), warn holders near it, close disposed ones past the reopen window; prints {"routed","escalated","warned","closed","stuck"}',
  async run(args, io) {
    flags(args, []);
    const clock = () => new Date();
    const report = await withDatabase(io.env, (db) => {
      const audit = createAuditLog(db, clock);
      return runEscalation({ db, audit, clock, workflow: createWorkflow({ db, audit, clock, config: workflowConfigFromEnv(io.env) }) });
    });
    io.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  },
};
