/**
 * Sign-in routes: POST /api/auth/login, /api/auth/refresh, /api/auth/logout and GET /api/auth/me.
 * The rules (tokens, rotation, refusals, audit) live in ../auth/auth-service.ts.
 */
import { LoginRequest, LogoutRequest, LogoutResponse, Me, RefreshRequest, ROLES, Session } from '../../src/domain/accounts';
import type { AuthService } from '../auth/auth-service';
import { principalOf } from '../auth/guard';
import { parseBody } from '../errors';
import type { ApiRoute } from './registry';

const ctxOf = (request: { ip: string }, route: string) => ({ ip: request.ip, route });

export const authRoutes = (auth: AuthService): ApiRoute[] => [
  {
    method: 'POST',
    url: '/api/auth/login',
    summary: 'Sign in with operator ID and password on a device: a short-lived access token and a device-bound refresh token',
    body: LoginRequest,
    response: Session,
    rateLimit: 'signIn',
    stores: false, // signing in (and out) keeps working while disk space is low: reads need it
    handler: async (request) => auth.login(parseBody(LoginRequest, request.body), ctxOf(request, 'POST /api/auth/login')),
  },
  {
    method: 'POST',
    url: '/api/auth/refresh',
    summary: 'Trade the refresh token for a new access token and a new refresh token (the old one stops working)',
    body: RefreshRequest,
    response: Session,
    rateLimit: 'signIn', // counted with sign-ins: a refresh token is a credential too
    stores: false,
    handler: async (request) => auth.refresh(parseBody(RefreshRequest, request.body), ctxOf(request, 'POST /api/auth/refresh')),
  },
  {
    method: 'POST',
    url: '/api/auth/logout',
    summary: "Sign this device out: its refresh token and access token stop working (an expired access token is accepted here)",
    body: LogoutRequest,
    bodyOptional: true,
    response: LogoutResponse,
    auth: { roles: ROLES, inactive: true },
    stores: false,
    async handler(request) {
      if (request.body !== undefined) parseBody(LogoutRequest, request.body); // absent, or exactly {}
      await auth.logout(principalOf(request), ctxOf(request, 'POST /api/auth/logout'));
      return { signedOut: true };
    },
  },
  {
    method: 'GET',
    url: '/api/auth/me',
    summary: 'The signed-in account as the server has it now, and when the access token expires',
    response: Me,
    auth: { roles: ROLES },
    async handler(request): Promise<Me> {
      const p = principalOf(request);
      return { operator: p.account, deviceId: p.deviceId, accessExpiresAt: p.accessExpiresAt.toISOString() };
    },
  },
];
