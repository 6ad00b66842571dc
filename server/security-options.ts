/**
 * The tunable security limits, with their defaults and environment variables. buildApp takes them as
 * options (tests shorten or widen them); server/index.ts reads them from the environment.
 */

export interface SecurityOptions {
  /** Access token lifetime (ACCESS_TOKEN_TTL_S, 900 = 15 min). */
  accessTokenTtlS: number;
  /** Refresh token lifetime from its issue; each refresh starts a new one (REFRESH_TOKEN_TTL_S, 30 days). */
  refreshTokenTtlS: number;
  /** Failed sign-ins per account before it is refused for the rest of the window (LOGIN_MAX_FAILURES, 5)… */
  loginMaxFailures: number;
  /** …and that window (LOGIN_FAILURE_WINDOW_S, 900 = 15 min). */
  loginFailureWindowS: number;
  /** Sign-in and refresh attempts per client address per minute (LOGIN_PER_ADDRESS_PER_MIN, 30). */
  loginPerAddressPerMin: number;
  /** API requests per signed-in session per minute (API_PER_SESSION_PER_MIN, 300). */
  apiPerSessionPerMin: number;
  /** Requests without a valid token, per client address per minute (API_PER_ADDRESS_PER_MIN, 1200: kiosks share addresses behind NAT). */
  apiPerAddressPerMin: number;
  /** Sync requests handled at once; more get 503 + Retry-After (SYNC_MAX_INFLIGHT, 8). */
  syncMaxInFlight: number;
  /** Sync requests that may wait for a slot, at most 3 s, before they are shed (SYNC_MAX_QUEUED, 32). */
  syncMaxQueued: number;
  /** Duplicate checks (POST /api/grievances/similar) per operator account per minute (SIMILAR_PER_ACCOUNT_PER_MIN, 30). */
  similarPerAccountPerMin: number;
  /** Seconds a request's headers and body may take to arrive before the server ends it with 408 (REQUEST_TIMEOUT_S, 30; server/http-limits.ts). */
  requestTimeoutS: number;
  /** Attachment bytes one kiosk may upload per day (India time), in MB (ATTACHMENT_QUOTA_MB_PER_DAY, 500); more get 429 until the next day. */
  attachmentQuotaMbPerDay: number;
  /** One-time codes sent to one citizen's mobile per hour (OTP_PER_MOBILE_PER_HOUR, 3). */
  otpPerMobilePerHour: number;
  /** One-time codes one kiosk may have sent per hour (OTP_PER_KIOSK_PER_HOUR, 20). */
  otpPerKioskPerHour: number;
}

export const DEFAULT_SECURITY: SecurityOptions = {
  accessTokenTtlS: 15 * 60,
  refreshTokenTtlS: 30 * 24 * 3600,
  loginMaxFailures: 5,
  loginFailureWindowS: 15 * 60,
  loginPerAddressPerMin: 30,
  apiPerSessionPerMin: 300,
  apiPerAddressPerMin: 1200,
  syncMaxInFlight: 8,
  syncMaxQueued: 32,
  similarPerAccountPerMin: 30,
  requestTimeoutS: 30,
  attachmentQuotaMbPerDay: 500,
  otpPerMobilePerHour: 3,
  otpPerKioskPerHour: 20,
};

const ENV: Record<keyof SecurityOptions, string> = {
  accessTokenTtlS: 'ACCESS_TOKEN_TTL_S',
  refreshTokenTtlS: 'REFRESH_TOKEN_TTL_S',
  loginMaxFailures: 'LOGIN_MAX_FAILURES',
  loginFailureWindowS: 'LOGIN_FAILURE_WINDOW_S',
  loginPerAddressPerMin: 'LOGIN_PER_ADDRESS_PER_MIN',
  apiPerSessionPerMin: 'API_PER_SESSION_PER_MIN',
  apiPerAddressPerMin: 'API_PER_ADDRESS_PER_MIN',
  syncMaxInFlight: 'SYNC_MAX_INFLIGHT',
  syncMaxQueued: 'SYNC_MAX_QUEUED',
  similarPerAccountPerMin: 'SIMILAR_PER_ACCOUNT_PER_MIN',
  requestTimeoutS: 'REQUEST_TIMEOUT_S',
  attachmentQuotaMbPerDay: 'ATTACHMENT_QUOTA_MB_PER_DAY',
  otpPerMobilePerHour: 'OTP_PER_MOBILE_PER_HOUR',
  otpPerKioskPerHour: 'OTP_PER_KIOSK_PER_HOUR',
};

/** The options set in `env`; throws on a value that is not a positive integer. */
export function securityOptionsFromEnv(env: NodeJS.ProcessEnv): Partial<SecurityOptions> {
  const out: Partial<SecurityOptions> = {};
  for (const [key, name] of Object.entries(ENV) as [keyof SecurityOptions, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
    out[key] = n;
  }
  return out;
}
