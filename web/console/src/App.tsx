import { useCallback, useState } from 'react';
import { ConsoleShell } from './components/ConsoleShell.tsx';
import { LoginScreen } from './components/LoginScreen.tsx';
import { clearDrafts } from './lib/drafts.ts';
import { clearSession, loadSession, saveSession, type Session } from './lib/session.ts';

/** Signed out: the login form. Signed in: the console, for as long as the session (kept in sessionStorage) lasts. */
export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [notice, setNotice] = useState<string | null>(null);

  const signIn = useCallback((next: Session) => {
    saveSession(next);
    setNotice(null);
    setSession(next);
  }, []);

  const signOut = useCallback((why?: string) => {
    clearSession();
    clearDrafts();
    setNotice(why ?? null);
    setSession(null);
  }, []);

  if (!session) return <LoginScreen onSignedIn={signIn} notice={notice} />;
  return <ConsoleShell key={session.token} session={session} onSignOut={signOut} />;
}
