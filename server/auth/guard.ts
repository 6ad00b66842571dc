/**
 * What stands in front of every API route, before its body is even read (Fastify's onRequest):
 *   0. routes that store data, while free disk space is low (../disk-space.ts): 503 + Retry-After;
 *   1. load shedding for routes with `maxInFlight` (../load-gate.ts: a short queue, then a 503 +
 *      Retry-After from the measured drain time, never an unbounded queue);
 *   2. rate limits: per address for calls without a token (a strict one for sign-in), per session for
 *      calls with one, so kiosks sharing an address behind NAT do not starve each other;
 *   3. for routes with `auth`: the access token, the account and session read now, and the role.
 * The caller is left in `request.principal` for the handler.
 */
import type { FastifyRequest, onRequestHookHandler, onResponseHookHandler } from 'fastify';
import { ApiProblem } from '../errors';
import { createLoadGate } from '../load-gate';
import { rateLimiter, type RateLimiter } from '../rate-limit';
import { sharedRateLimiter } from '../store/shared-rate-limit';
import { type ApiRoute, type RouteGuard, storesData } from '../routes/registry';
import { DISK_RETRY_AFTER_S, type DiskWatch } from '../disk-space';
import type { SecurityOptions } from '../security-options';
import type { AuthService, CallContext, Principal } from './auth-service';
import type { Queryable } from '../store/db';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller on routes with `auth` (set by the guard). */
    principal: Principal | null;
  }
}

/** The caller of a route with `auth`; a route without it has none. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new ApiProblem(401, 'auth.required');
  return request.principal;
}

const limited = (limiter: RateLimiter, key: string, problemKey: 'api.rateLimited' = 'api.rateLimited') => {
  const v = limiter.hit(key);
  if (!v.ok) throw new ApiProblem(429, problemKey, undefined, { 'retry-after': String(v.retryAfterS) });
};

/** What the load shedding of a route did, for metrics and tests: `inFlight` is the count after the event. */
export interface LoadSheddingEvent { route: string; event: 'admitted' | 'queued' | 'refused' | 'released'; inFlight: number }

export function createGuard(deps: {
  auth: AuthService; db: Queryable; options: SecurityOptions; clock: () => Date;
  /** Free disk space: routes that store data are refused while it is low (absent: not watched). */
  disk?: DiskWatch;
  /** Told of each admission, refusal and release by load shedding (optional). */
  onLoadShedding?: (e: LoadSheddingEvent) => void;
}): RouteGuard {
  const { auth, options, clock } = deps;
  const minute = { windowMs: 60_000, clock };
  const byAddress = rateLimiter({ limit: options.apiPerAddressPerMin, ...minute });
  const signInByAddress = sharedRateLimiter(deps.db, { scope: 'sign-in-address', limit: options.loginPerAddressPerMin, ...minute }); // across processes
  const bySession = rateLimiter({ limit: options.apiPerSessionPerMin, ...minute });

  return {
    hooks(route) {
      const onRequest: onRequestHookHandler[] = [];
      const onResponse: onResponseHookHandler[] = [];
      const name = `${route.method} ${route.url}`;

      if (deps.disk && storesData(route)) {
        const disk = deps.disk;
        onRequest.push(async () => {
          if (!(await disk.check()).ok) throw new ApiProblem(503, 'api.diskFull', undefined, { 'retry-after': String(DISK_RETRY_AFTER_S) });
        });
      }

      if (route.maxInFlight) {
        const gate = createLoadGate({ maxInFlight: route.maxInFlight, maxQueued: options.syncMaxQueued });
        const releases = new WeakMap<FastifyRequest, () => void>();
        const release = (request: FastifyRequest) => releases.get(request)?.();
        const tell = (event: LoadSheddingEvent['event']) => deps.onLoadShedding?.({ route: name, event, inFlight: gate.load().inFlight });
        onRequest.push(async (request, reply) => {
          const waiting = gate.load().queued;
          const entered = gate.enter(); // admitted, queued for a moment, or a 503 with Retry-After
          if (gate.load().queued > waiting) tell('queued');
          const admitted = await entered.catch((err: unknown) => { tell('refused'); throw err; });
          tell('admitted');
          let released = false;
          // Only an admitted request is released, and exactly once, however its end is reported.
          const done = () => { if (!released) { released = true; admitted(); tell('released'); } };
          releases.set(request, done);
          reply.raw.once('close', done); // also when the client goes away mid-request, or the request times out
          if (reply.raw.destroyed || request.raw.destroyed) done(); // gone while it waited for its turn
        });
        onResponse.push(async (request) => release(request));
      }

      onRequest.push(async (request) => {
        request.principal = null;
        const ctx: CallContext = { ip: request.ip, route: name };
        if (!route.auth) {
          if (route.rateLimit === 'signIn') {
            const v = await signInByAddress.hit(request.ip);
            if (!v.ok) throw new ApiProblem(429, 'api.rateLimited', undefined, { 'retry-after': String(v.retryAfterS) });
          } else limited(byAddress, request.ip);
          return;
        }
        const token = auth.verifyAccess(request.headers.authorization);
        if (!token.ok) {
          limited(byAddress, request.ip); // calls without a valid token are limited like anonymous ones
          if (token.reason !== 'no-token') await auth.refuseToken(token.reason, ctx);
          throw token.problem;
        }
        limited(bySession, token.claims.sid);
        const principal = await auth.principal(token.claims, ctx, route.auth.inactive);
        if (!route.auth.roles.includes(principal.role)) await auth.forbid(principal, ctx);
        request.principal = principal;
      });
      return { onRequest, onResponse };
    },
  };
}
