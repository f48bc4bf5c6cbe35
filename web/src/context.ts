import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MeResponse } from '../../shared/application/worklist/api.ts';
import type { WorklistApi } from './api.ts';

/** What every view of the signed-in page needs: the API, who the user is, and the page's live regions. */
export interface PageContext {
  api: WorklistApi;
  me: MeResponse;
  /** Says something in the polite live region (and shows it). */
  announce(message: string): void;
  /** Shows an error in the assertive live region; null clears it. */
  alarm(message: string | null): void;
}

export const Page = createContext<PageContext | null>(null);

export function usePage(): PageContext {
  const page = useContext(Page);
  if (!page) throw new Error('usePage outside the signed-in page');
  return page;
}

export function isSupervisor(me: MeResponse): boolean {
  return me.user.roles.includes('supervisor');
}
