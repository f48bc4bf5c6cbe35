import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { MeResponse, PageConfig } from '../../shared/application/worklist/api.ts';
import { messageOf, worklistApi } from './api.ts';
import { beginCognitoSignIn, currentSession, signInLocally, signOut, type Session } from './auth.ts';
import { ClaimPage } from './claim.tsx';
import { Page, type PageContext } from './context.ts';
import { initialListState, ListView, type ListState } from './list.tsx';
import { LIST_HREF, useRoute } from './router.ts';
import { isTyping } from './keys.ts';
import { ShortcutsDialog } from './shortcuts.tsx';

interface AppProps {
  config: PageConfig;
  initialSession: Session | null;
  /** Why the user must sign in (a failed hosted sign-in). */
  initialMessage: string | null;
}

export function App({ config, initialSession, initialMessage }: AppProps) {
  const [session, setSession] = useState<Session | null>(initialSession);
  const [message, setMessage] = useState<string | null>(initialMessage);

  const endSession = useCallback((why: string | null) => {
    setMessage(why);
    setSession(null);
  }, []);

  const signedIn = useCallback((s: Session) => {
    setMessage(null);
    setSession(s);
  }, []);

  if (!session) return <SignIn config={config} message={message} onSignedIn={signedIn} />;
  return <SignedIn config={config} session={session} onSessionEnded={endSession} />;
}

function SignIn({ config, message, onSignedIn }: { config: PageConfig; message: string | null; onSignedIn: (session: Session) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(message);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = 'Sign in — Review worklist';
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    if (config.auth !== 'local') return;
    if (!username.trim() || !password) {
      setError('Enter your username and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signInLocally(config.signInPath, username.trim(), password));
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  }

  return (
    <main id="main" class="sign-in">
      <h1>Review worklist</h1>
      <p>Claims the scrubber flagged, for billers, coders and their supervisor.</p>
      <p class="alert" role="alert">
        {error}
      </p>
      {config.auth === 'local' ? (
        <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="sign-in-heading">
          <h2 id="sign-in-heading">Sign in</h2>
          <div class="field">
            <label for="username">Username</label>
            <input id="username" name="username" autocomplete="username" value={username} onInput={(e) => setUsername(e.currentTarget.value)} required />
          </div>
          <div class="field">
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} required />
          </div>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      ) : (
        <>
          <h2>Sign in</h2>
          <button type="button" class="primary" onClick={() => void beginCognitoSignIn(config)}>
            Sign in with your organisation account
          </button>
        </>
      )}
    </main>
  );
}

function SignedIn({ config, session, onSessionEnded }: { config: PageConfig; session: Session; onSessionEnded: (why: string | null) => void }) {
  const api = useMemo(
    () =>
      worklistApi(
        () => currentSession()?.token ?? null,
        (message) => {
          signOut(null);
          onSessionEnded(`Your session has ended (${message}). Sign in again.`);
        },
      ),
    [onSessionEnded],
  );
  const [me, setMe] = useState<MeResponse | null>(null);
  const [meError, setMeError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.me().then(
      (answer) => !cancelled && setMe(answer),
      (error: unknown) => !cancelled && setMeError(messageOf(error)),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  // Sign out when the token expires, rather than on the next request.
  useEffect(() => {
    // setTimeout takes at most 2^31-1 ms (about 24 days); a longer wait would fire at once.
    const remaining = Math.min(Date.parse(session.expiresAt) - Date.now() - 30_000, 2 ** 31 - 1);
    const timer = window.setTimeout(() => onSessionEnded('Your session has expired. Sign in again.'), Math.max(remaining, 0));
    return () => window.clearTimeout(timer);
  }, [session, onSessionEnded]);

  if (!me)
    return (
      <main id="main" class="sign-in" aria-busy={meError ? 'false' : 'true'}>
        <h1>Review worklist</h1>
        {meError ? (
          <>
            <p role="alert">{meError}</p>
            <button
              type="button"
              onClick={() => {
                signOut(config);
                onSessionEnded(null);
              }}
            >
              Sign out
            </button>
          </>
        ) : (
          <p role="status">Loading…</p>
        )}
      </main>
    );
  const leave = () => {
    signOut(config);
    onSessionEnded('You have signed out.');
  };
  return <Shell api={api} me={me} onSignOut={leave} />;
}

function Shell({ api, me, onSignOut }: { api: PageContext['api']; me: MeResponse; onSignOut: () => void }) {
  const route = useRoute();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [listState, setListState] = useState<ListState>(initialListState);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);

  const page = useMemo<PageContext>(
    () => ({
      api,
      me,
      announce: (message) => setStatus(message),
      alarm: (message) => setError(message),
    }),
    [api, me],
  );

  // A new view starts without the last one's messages.
  useEffect(() => {
    setError(null);
    setStatus('');
  }, [route.view, route.view === 'claim' ? route.reference : null]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      event.preventDefault();
      setShortcutsOpen(true);
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const roles = me.user.roles.join(', ');
  return (
    <Page.Provider value={page}>
      <a
        class="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="banner">
        <p class="product">
          <a href={LIST_HREF}>Review worklist</a>
        </p>
        <p class="who">
          <span class="organisation">{me.organisation.name}</span>
          <span>
            {me.user.id} <span class="role">({roles})</span>
          </span>
        </p>
        <nav aria-label="Page">
          <button type="button" class="link-button" onClick={() => setShortcutsOpen(true)} aria-haspopup="dialog">
            Keyboard shortcuts <kbd>?</kbd>
          </button>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </nav>
      </header>
      <div class="notices">
        <p class="notice-status" role="status" aria-live="polite">
          {status}
        </p>
        <p class="notice-error" role="alert" aria-live="assertive">
          {error}
        </p>
      </div>
      <main id="main" ref={mainRef} tabIndex={-1}>
        {route.view === 'claim' ? <ClaimPage key={route.reference} reference={route.reference} /> : <ListView state={listState} onStateChange={setListState} dialogOpen={shortcutsOpen} />}
      </main>
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </Page.Provider>
  );
}
