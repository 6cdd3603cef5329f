import { useState, type FormEvent } from 'react';
import { unlockAudio } from '../lib/alerts.ts';
import { errorText, login } from '../lib/api.ts';
import type { Session } from '../lib/session.ts';

/** Sign in with email and password (POST /api/v1/auth/login); a new session starts offline. */
export function LoginScreen({ onSignedIn, notice }: { onSignedIn: (session: Session) => void; notice?: string | null }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // The sign-in click is a user gesture: the new-handover beep may play from now on.
    unlockAudio();
    setBusy(true);
    setError(null);
    try {
      const result = await login(email.trim(), password);
      onSignedIn({ token: result.token, expiresAt: result.expiresAt, agent: result.agent });
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">
          <span className="brand-mark" aria-hidden="true">
            B
          </span>
          Baton console
        </h1>
        <p className="muted">Sign in to take over conversations from the AI.</p>
        {notice && !error && (
          <p className="info" role="status">
            {notice}
          </p>
        )}
        <label className="field">
          <span>Email</span>
          <input type="email" name="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
