import { useEffect, useState } from 'preact/hooks';

/**
 * The page's routes live in the hash, so nothing about a claim reaches a server or its log:
 * `#/` the list, `#/claims/<reference>` one claim (the form alerts link to).
 */
export type Route = { view: 'list' } | { view: 'claim'; reference: string };

export function parseRoute(hash: string): Route {
  const match = /^#\/claims\/([^/?#]+)$/.exec(hash);
  if (match?.[1]) {
    try {
      return { view: 'claim', reference: decodeURIComponent(match[1]) };
    } catch {
      return { view: 'list' };
    }
  }
  return { view: 'list' };
}

export function claimHref(reference: string): string {
  return `#/claims/${encodeURIComponent(reference)}`;
}

export const LIST_HREF = '#/';

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function navigate(href: string): void {
  window.location.hash = href.slice(1);
}
