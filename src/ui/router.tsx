/**
 * A tiny history-API router: three screens do not need a library. `navigate` pushes a URL and tells
 * the subscribers; `Link` turns a plain click into `navigate` and leaves modified clicks (new tab) alone.
 */
import type { ComponentChildren, PartialAnchorHTMLAttributes, TargetedMouseEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export type Route = { path: string; search: string };

const listeners = new Set<(r: Route) => void>();
const current = (): Route => ({ path: location.pathname, search: location.search });

addEventListener('popstate', () => listeners.forEach((l) => l(current())));

/** Goes to `href` (same origin) without reloading the page. */
export function navigate(href: string, replace = false): void {
  const url = new URL(href, location.href);
  if (url.href !== location.href) history[replace ? 'replaceState' : 'pushState'](null, '', url);
  const r = current();
  listeners.forEach((l) => l(r));
}

/** The current path and query string; re-renders on every navigation. */
export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    listeners.add(setRoute);
    return () => void listeners.delete(setRoute);
  }, []);
  return route;
}

type LinkProps = Omit<PartialAnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'role'> & { href: string; children?: ComponentChildren };

/** An ordinary `<a href>` that navigates in place on a plain left click. */
export function Link({ href, onClick, ...rest }: LinkProps) {
  const click = (e: TargetedMouseEvent<HTMLAnchorElement>) => {
    if (typeof onClick === 'function') onClick(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={click} {...rest} />;
}
