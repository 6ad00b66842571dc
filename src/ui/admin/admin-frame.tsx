/**
 * The frame of every admin screen: its heading and the administration menu (admins: every screen; nodal
 * officers: accounts and routing rules of their department and district). Other features' admin screens
 * (e.g. camps) add themselves to ADMIN_SCREENS (./admin-paths.ts).
 */
import type { ComponentChildren } from 'preact';
import type { Role } from '../../domain/accounts';
import { type Lang, strings } from '../i18n';
import { ADMIN_UI } from './admin-strings';
import { Link } from '../router';
import { ADMIN_SCREENS } from './admin-paths';
import './admin.css';

import { CAMP_EVENT_UI } from '../camp-strings'; // the menu names the camps screen (issue 12)

const t = strings(ADMIN_UI, CAMP_EVENT_UI);

export function AdminFrame({ lang, role, path, children }: { lang: Lang; role: Role; path: string; children: ComponentChildren }) {
  const here = ADMIN_SCREENS.find((s) => s.path === path);
  return (
    <div class="adm">
      <h1 tabIndex={-1}>{t(lang, here?.key ?? 'adm.nav')}</h1>
      <nav class="adm-nav no-print" aria-label={t(lang, 'adm.nav')}>
        {/* Accounts is the header's link (ACCEPTANCE.md names one link "Accounts"); the menu has the rest. */}
        {ADMIN_SCREENS.filter((s) => s.roles.includes(role) && s.path !== '/admin/accounts').map((s) => (
          <Link key={s.path} href={s.path} class="adm-nav__link" aria-current={s.path === path ? 'page' : undefined}>{t(lang, s.key)}</Link>
        ))}
      </nav>
      {children}
    </div>
  );
}

/** A result line: a polite status for success, an alert for a failure. */
export function Outcome({ ok, text }: { ok: boolean; text?: string }) {
  if (!text) return null;
  return ok ? <p class="note" role="status">{text}</p> : <p class="form-alert" role="alert">{text}</p>;
}
