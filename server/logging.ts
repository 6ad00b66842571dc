/**
 * The server's log policy: requests are logged by method, masked URL and address only: never a body,
 * never a header (so no Authorization, no cookie), and mobile and Aadhaar-like digit runs in a URL or an
 * error message are masked to their last 4 digits. Applied to whatever logger options the app is given.
 */
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import { maskNumbersIn } from '../src/domain/identity';

/** 10-digit mobiles (optionally +91/0 prefixed) and 12-digit Aadhaar-like runs, to their last 4 digits (one rule: src/domain/identity.ts). */
export const maskPersonalData = maskNumbersIn;

type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

const serializers = {
  req: (req: FastifyRequest) => ({ method: req.method, url: maskPersonalData(req.url), remoteAddress: req.ip }),
  err: (err: Error & { code?: string; statusCode?: number }) => ({
    type: err.name, code: err.code, statusCode: err.statusCode,
    message: maskPersonalData(String(err.message)), stack: err.stack && maskPersonalData(err.stack),
  }),
};

/** The logger options with our serializers and redaction added; false stays false. */
export function safeLogger(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const given: LoggerOptions = logger === true ? {} : logger;
  return {
    ...given,
    serializers: { ...serializers, ...(given as { serializers?: object }).serializers },
    // Belt and braces for anything that logs a raw request or reply object.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.body', 'headers.authorization', 'body.password', 'body.refreshToken', 'password', 'refreshToken', 'accessToken'], censor: '[redacted]' },
  } as LoggerOptions;
}
