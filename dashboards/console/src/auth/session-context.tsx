import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, rememberSession, setSessionListeners, type SessionView, type SignInOptions } from '../api/client';
import { toApiError } from '../api/use-action';

/**
 * Why nobody is signed in: the first visit (or a reload) found no session, the person signed
 * out, or the server stopped accepting the session while they worked (expired, ended elsewhere).
 */
export type SignedOutReason = 'initial' | 'signed-out' | 'expired';

export type SessionState =
  | { status: 'loading' }
  | { status: 'unreachable'; error: ApiError }
  | { status: 'signed-out'; reason: SignedOutReason }
  | { status: 'signed-in'; session: SessionView };

interface SessionValue {
  state: SessionState;
  /** The signed-in session, if any. */
  session: SessionView | undefined;
  /** What the sign-in page offers (password, demo personas); undefined until loaded. */
  options: SignInOptions | undefined;
  /** A sign-in step (password, demo persona, invitation) returned this session. */
  establish: (session: SessionView) => void;
  signOut: () => Promise<void>;
  signOutEverywhere: () => Promise<void>;
  /** Demo mode: become another demo persona. Rejects with the server's problem. */
  switchPersona: (memberId: string) => Promise<SessionView>;
  retry: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [options, setOptions] = useState<SignInOptions | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  // Bumped by every sign-in and sign-out: an answer to an older session check must not undo them
  // (someone who accepts an invitation before the first check returned stays signed in).
  const generation = useRef(0);

  const establish = useCallback((session: SessionView) => {
    generation.current += 1;
    rememberSession(session);
    setState({ status: 'signed-in', session });
  }, []);

  useEffect(() => {
    setSessionListeners({
      // A 401 while working: the session ended (timeout, "sign out everywhere" elsewhere).
      signedOut: () => setState((s) => (s.status === 'signed-in' ? { status: 'signed-out', reason: 'expired' } : s)),
      refreshed: (session) => setState({ status: 'signed-in', session }),
    });
    return () => setSessionListeners(null);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    const started = generation.current;
    api.session(controller.signal).then(
      (session) => {
        if (generation.current !== started) return;
        rememberSession(session);
        setState({ status: 'signed-in', session });
      },
      (err: unknown) => {
        if (controller.signal.aborted || generation.current !== started) return;
        const error = toApiError(err);
        rememberSession(null);
        setState(error.status === 401 ? { status: 'signed-out', reason: 'initial' } : { status: 'unreachable', error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(() => {
    const controller = new AbortController();
    api.signInOptions(controller.signal).then(setOptions, () => {
      // Without options the sign-in page still offers email and password.
      if (!controller.signal.aborted) setOptions({ password: true, demo: null });
    });
    return () => controller.abort();
  }, [attempt]);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // Already ended on the server: signed out either way.
    }
    generation.current += 1;
    rememberSession(null);
    setState({ status: 'signed-out', reason: 'signed-out' });
  }, []);

  const signOutEverywhere = useCallback(async () => {
    await api.logoutEverywhere();
    generation.current += 1;
    rememberSession(null);
    setState({ status: 'signed-out', reason: 'signed-out' });
  }, []);

  const switchPersona = useCallback(
    async (memberId: string) => {
      const session = await api.demoLogin(memberId);
      establish(session);
      return session;
    },
    [establish],
  );

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo<SessionValue>(
    () => ({ state, session: state.status === 'signed-in' ? state.session : undefined, options, establish, signOut, signOutEverywhere, switchPersona, retry }),
    [state, options, establish, signOut, signOutEverywhere, switchPersona, retry],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession must be used inside <SessionProvider>');
  return ctx;
}

/** Where to go after signing in: a path of this console only, never another origin. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // The sign-in pages themselves are no destination.
  if (/^\/(login|accept-invitation)(\/|\?|#|$)/.test(next)) return '/';
  return next;
}
