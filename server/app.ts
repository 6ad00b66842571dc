/**
 * The HTTP application: the API routes of ./routes behind the guard (authentication, roles, rate limits,
 * load shedding), the PWA from dist/, security headers, a log that never holds bodies, tokens or full
 * mobile numbers, and one error policy: every failure is an ApiError JSON with a message key, English and
 * Hindi; bad input is a 4xx, never a 500; a real internal error is a 500 `api.internal` with details only
 * in the log.
 */
import { resolve } from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { loadAadhaarVault } from './aadhaar/vault';
import { attachmentsDirFromEnv, createFsBlobStore } from './attachments/blob-store';
import { createAttachmentService } from './attachments/service';
import { createAuthService } from './auth/auth-service';
import { createGuard, type LoadSheddingEvent } from './auth/guard';
import { loadTokenSigner } from './auth/tokens';
import { ApiProblem, apiError } from './errors';
import type { DiskWatch } from './disk-space';
import { clientErrorHandler, httpTimeouts } from './http-limits';
import { safeLogger } from './logging';
import { servePwa } from './pwa';
import { createAccountsAdmin } from './admin/accounts-admin';
import { adminRoutes } from './routes/admin';
import { adminConfigRoutes } from './routes/admin-config';
import { attachmentRoutes } from './routes/attachments';
import { authRoutes } from './routes/auth';
import { configRoute } from './routes/config';
import { eventRoutes } from './routes/events';
import { handoverRoutes } from './routes/handover';
import { healthRoute } from './routes/health';
import { openApiRoute } from './routes/openapi';
import { open311Routes } from './routes/open311';
import { type ApiRoute, registerApiRoutes } from './routes/registry';
import { syncGrievancesRoute } from './routes/sync-grievances';
import { triageRoutes } from './routes/triage';
import { createTriageModels } from './triage/models';
import { workflowRoutes } from './routes/workflow';
import { leaderReportRoutes } from './routes/leader-reports';
import { leaderDashboardRoutes } from './routes/leader-dashboards';
import { runDailyReport } from './reports/daily-job';
import { foldRollups } from './reports/rollups';
import { addSecurityHeaders } from './security-headers';
import { DEFAULT_SECURITY, type SecurityOptions } from './security-options';
import { createAuditLog } from './store/audit';
import { type Db, isDataError } from './store/db';
import { createGrievanceStore } from './store/grievances';
import { migrate } from './store/migrations';
import { inProcessJobs, type Jobs } from './jobs/jobs';
import { sweepRateLimits } from './store/shared-rate-limit';
import { loadOtpService } from './otp/otp';
import { statusRoutes } from './routes/status';
import { chatRoutes } from './routes/chat';
import { handoffRoutes } from './chat/handoffs';
import { type WhatsAppConfig, whatsappRoutes } from './chat/whatsapp';
import { createChatPhotos } from './chat/photo';
import { chatPhotoRoutes } from './routes/chat-photo';
import { type ChatLimits, createChatService, sweepConversations } from './chat/service';
import { sendDueNotifications } from './notifications/sender';
import type { NotificationProvider } from './notifications/providers';
import { runEscalation } from './workflow/escalation';
import { createWorkflow } from './workflow/service';
import type { WorkflowConfig } from '../src/domain/workflow';

export interface AppOptions {
  db: Db;
  /** The built PWA (default ./dist); not served when it has no index.html. */
  distDir?: string;
  logger?: FastifyServerOptions['logger'];
  /** The server's notion of now: receivedAt, the year in grievance numbers, token expiry, rate-limit windows. */
  clock?: () => Date;
  /** Token lifetimes, rate limits, load shedding (defaults: DEFAULT_SECURITY; server/index.ts reads the environment). */
  security?: Partial<SecurityOptions>;
  /** Fastify's trustProxy: set when behind a reverse proxy, so rate limits and the audit log see the client's address. */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /**
   * The grievance workflow: the reopen window (REOPEN_WINDOW_DAYS), how often the escalation sweep runs
   * (ESCALATION_INTERVAL_S) and the notification sender sends (NOTIFY_INTERVAL_S) with which provider.
   * No interval (as in tests): that job does not run on its own. server/index.ts reads the environment.
   */
  workflow?: Partial<WorkflowConfig> & { escalationIntervalS?: number; notifyIntervalS?: number; notifier?: NotificationProvider; dailyReportAt?: number | null };
  /** Where attachment files live (default: ATTACHMENTS_DIR, else DATA_DIR/attachments; see server/attachments/blob-store.ts). */
  attachmentsDir?: string;
  /** Where background jobs run (default: timers in this process; server/index.ts uses pg-boss on PostgreSQL). */
  jobs?: Jobs;
  /** How long the current triage model's version is cached before the database is asked again (default 30 s; `admin retrain` publishes from another process). */
  triageModelCacheMs?: number;
  /** Free disk space under DATA_DIR and the attachments (MIN_FREE_MB; server/index.ts makes it): absent, not watched. */
  disk?: DiskWatch;
  /** Message limits of the citizen assistant (defaults: ./chat/service.ts). */
  chat?: Partial<ChatLimits>;
  /** The WhatsApp Business webhook's verify token and app secret (WHATSAPP_VERIFY_TOKEN, WHATSAPP_APP_SECRET); absent: it refuses everyone. */
  whatsapp?: WhatsAppConfig;
  /** Told of each admission, refusal and release by the load shedding of the sync and upload routes (metrics, tests). */
  onLoadShedding?: (e: LoadSheddingEvent) => void;
}

/** Small on purpose: only the sync route takes big bodies, and it sets its own limit. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** Fastify's own request errors, by code, as our message keys. */
const REQUEST_ERRORS: Record<string, [number, 'api.badJson' | 'api.tooLarge' | 'api.mediaType']> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'api.mediaType'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'api.tooLarge'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'api.badJson'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'api.badJson'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'api.badJson'],
};

/** Migrates the database, loads the server keys and builds the app (not yet listening). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db } = options;
  const clock = options.clock ?? (() => new Date());
  const security: SecurityOptions = { ...DEFAULT_SECURITY, ...options.security };
  await migrate(db);
  const vault = await loadAadhaarVault(db);
  const signer = await loadTokenSigner(db);
  const grievances = createGrievanceStore(db, { vault, clock });
  const audit = createAuditLog(db, clock);
  const blobs = createFsBlobStore(options.attachmentsDir ?? attachmentsDirFromEnv(process.env));
  const attachments = createAttachmentService({
    db, blobs, audit, clock,
    quotaBytesPerDay: security.attachmentQuotaMbPerDay * 1024 * 1024,
  });
  const auth = createAuthService({ db, signer, audit, clock, options: security });
  const otp = await loadOtpService(db, audit, { perMobilePerHour: security.otpPerMobilePerHour, perRequesterPerHour: security.otpPerKioskPerHour });
  const workflow = createWorkflow({ db, audit, clock, config: options.workflow, otp });

  const app = Fastify({
    logger: safeLogger(options.logger),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: DEFAULT_BODY_LIMIT,
    forceCloseConnections: true, // a kiosk browser holding a keep-alive socket must not stall shutdown
    ...httpTimeouts(security.requestTimeoutS), // slow or silent clients are ended (REQUEST_TIMEOUT_S)
    clientErrorHandler,
    // Errors Fastify raises before routing (e.g. a malformed URL) follow the same policy.
    frameworkErrors: (error, request, reply) => {
      request.log.info({ err: error }, 'request rejected before routing');
      void (reply as FastifyReply).code(400).send(apiError('api.invalid'));
    },
  });
  // Fastify parses text/plain by default; the API takes JSON only, so anything else is a 415.
  app.removeContentTypeParser('text/plain');
  addSecurityHeaders(app);

  app.decorateRequest('principal', null);

  app.setErrorHandler((error: FastifyError | ApiProblem, request, reply) => {
    if (error instanceof ApiProblem) {
      if (error.headers) reply.headers(error.headers);
      return reply.code(error.statusCode).send(apiError(error.key, error.fields));
    }
    const known = error.code !== undefined ? REQUEST_ERRORS[error.code] : undefined;
    if (known) return reply.code(known[0]).send(apiError(known[1]));
    // JSON.parse failures (incl. prototype poisoning) come without one of the codes above, as a 400.
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
      return reply.code(error.statusCode).send(apiError(error instanceof SyntaxError || error.statusCode === 400 ? 'api.badJson' : 'api.invalid'));
    // The database refusing a value of this request (a second line behind the shared schemas): its 4xx.
    if (isDataError(error)) {
      request.log.warn({ err: error }, 'value refused by the database');
      return reply.code(400).send(apiError('api.unstorable'));
    }
    request.log.error({ err: error }, 'internal error');
    return reply.code(500).send(apiError('api.internal'));
  });

  const models = createTriageModels(db, { cacheMs: options.triageModelCacheMs, clock });
  const chat = createChatService({
    db, otp, audit, clock, config: workflow.config, workflow, store: grievances, models, limits: options.chat, sendSoon: () => jobs.soon('notifications'),
  });
  const chatPhotos = createChatPhotos({ db, audit, clock, attachments, blobs });
  const routes: ApiRoute[] = [];
  routes.push(
    healthRoute(db, options.disk), configRoute(vault), openApiRoute(() => routes),
    ...authRoutes(auth),
    syncGrievancesRoute({ db, store: grievances, audit, attachments, workflow, maxInFlight: security.syncMaxInFlight }),
    ...workflowRoutes({ db, workflow, audit, clock }),
    ...leaderReportRoutes({ db, clock }),
    ...leaderDashboardRoutes({ db, clock }),
    ...statusRoutes({ db, otp, audit, clock, config: workflow.config, sendSoon: () => jobs.soon('notifications') }),
    ...attachmentRoutes(attachments),
    ...open311Routes({ db, store: grievances, audit, workflow, clock }),
    ...adminRoutes({ db, audit, clock, accounts: createAccountsAdmin({ db, audit, clock }) }),
    ...adminConfigRoutes({ db, audit, clock }),
    ...handoverRoutes({ db, store: grievances, audit, attachments, workflow, clock }),
    ...eventRoutes({ db, audit, clock }),
    ...chatRoutes(chat),
    ...chatPhotoRoutes({ chat, photos: chatPhotos }),
    ...handoffRoutes({ db, audit, clock, workflow, store: grievances, sendSoon: () => jobs.soon('notifications') }),
    ...whatsappRoutes({ chat, photos: chatPhotos, db, audit, clock, config: options.whatsapp, sendSoon: () => jobs.soon('notifications') }),
    ...triageRoutes({ db, vault, audit, clock, models, similarPerMin: security.similarPerAccountPerMin }),
  );
  registerApiRoutes(app, routes, createGuard({ auth, db, options: security, clock, onLoadShedding: options.onLoadShedding, disk: options.disk }));
  // Background work, once across all processes (./jobs/jobs.ts), stopped before the database closes:
  // partial uploads abandoned for a day dropped every hour, the escalation sweep, the notification sender.
  const jobs = options.jobs ?? inProcessJobs((name, err) => app.log.error({ err }, `job ${name} failed`));
  app.addHook('onClose', () => auth.flush()); // the summary of refusals held back in the current minute
  const { escalationIntervalS, notifyIntervalS, notifier, dailyReportAt } = options.workflow ?? {};
  jobs.every('attachment-sweep', 3600, () => attachments.sweepPartials());
  jobs.every('rate-limit-sweep', 3600, () => sweepRateLimits(db, clock()));
  jobs.every('chat-sweep', 3600, () => sweepConversations(db, clock(), blobs));
  if (escalationIntervalS) jobs.every('escalation', escalationIntervalS, () => runEscalation({ db, workflow, audit, clock }));
  if (notifyIntervalS && notifier) jobs.every('notifications', notifyIntervalS, () => sendDueNotifications({ db, provider: notifier, clock }));
  // The evening infographic (DAILY_REPORT_AT, minutes after midnight India time): looked for every 5 minutes, made once a day.
  if (typeof dailyReportAt === 'number') jobs.every('daily-report', 300, () => runDailyReport({ db, clock, atMinutes: dailyReportAt }));
  // The leaders' daily rollups: the events since the last fold folded in every minute (a report folds the rest first).
  jobs.every('report-rollups', 60, () => foldRollups(db));
  void attachments.sweepPartials().catch((err: unknown) => app.log.error({ err }, 'attachment sweep failed')); // and once now, in each process (harmless)
  await jobs.start();
  app.addHook('onClose', () => jobs.stop());
  await servePwa(app, resolve(options.distDir ?? 'dist'));
  return app;
}
