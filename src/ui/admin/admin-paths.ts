/** The admin screens' paths, title keys and roles: read by the app's router and by the admin menu. */
import type { Role } from '../../domain/accounts';
import type { CAMP_EVENT_UI } from '../camp-strings';
import type { ADMIN_UI } from './admin-strings';

export const ADMIN_SCREENS: readonly { path: string; key: keyof typeof ADMIN_UI | keyof typeof CAMP_EVENT_UI; roles: readonly Role[] }[] = [
  { path: '/admin/accounts', key: 'adm.accounts', roles: ['admin', 'nodal'] },
  { path: '/admin/routing', key: 'adm.routing', roles: ['admin', 'nodal'] },
  { path: '/admin/time-limits', key: 'adm.timeLimits', roles: ['admin'] },
  { path: '/admin/holidays', key: 'adm.holidays', roles: ['admin'] },
  { path: '/admin/reference', key: 'adm.reference', roles: ['admin'] },
  { path: '/admin/audit', key: 'adm.audit', roles: ['admin'] },
  { path: '/admin/camps', key: 'adm.camps', roles: ['admin', 'nodal'] }, // issue 12: src/ui/admin/camps-screen.tsx
];
