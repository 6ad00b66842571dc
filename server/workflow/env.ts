/**
 * The workflow's settings from the environment, for the server and the admin CLI:
 *   REOPEN_WINDOW_DAYS     days after disposal within which a citizen may reopen (30)
 *   ESCALATION_INTERVAL_S  how often the server runs the escalation sweep (300; 0 turns it off)
 *   NOTIFY_INTERVAL_S      how often the server sends queued SMS/WhatsApp messages (15; 0 turns it off)
 *   DAILY_REPORT_AT        when (India time, HH:MM) the day's infographic is made and subscribers told (20:00; off turns it off)
 *   NOTIFY_HTTP_URL, NOTIFY_HTTP_TOKEN  a gateway for the messages (server/notifications/providers.ts)
 */
import { DEFAULT_WORKFLOW_CONFIG, type WorkflowConfig } from '../../src/domain/workflow';
import { type NotificationProvider, providerFromEnv } from '../notifications/providers';
import type { DbLocation } from '../store/open-db';
import { parseReportAt } from '../reports/daily-job';

const whole = (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return n;
};

export function workflowConfigFromEnv(env: NodeJS.ProcessEnv): WorkflowConfig {
  return { reopenWindowDays: whole(env, 'REOPEN_WINDOW_DAYS', DEFAULT_WORKFLOW_CONFIG.reopenWindowDays, 1, 3650) };
}

export function workflowOptionsFromEnv(env: NodeJS.ProcessEnv, location: DbLocation): WorkflowConfig & { escalationIntervalS: number; notifyIntervalS: number; notifier: NotificationProvider; dailyReportAt: number | null } {
  return {
    ...workflowConfigFromEnv(env),
    escalationIntervalS: whole(env, 'ESCALATION_INTERVAL_S', 300, 0, 86_400),
    notifyIntervalS: whole(env, 'NOTIFY_INTERVAL_S', 15, 0, 86_400),
    notifier: providerFromEnv(env, location),
    dailyReportAt: parseReportAt(env.DAILY_REPORT_AT),
  };
}
