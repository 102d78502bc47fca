// The app: waits for the session, then either the login screen or the shell with the screens
// the user's role may open. Gates: logged out → /login?next=…, must change password → /password.
import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { useEffect } from 'preact/hooks';
import { LoginScreen } from './features/login/login-screen';
import { t, tm } from './i18n';
import { AppShell } from './layout/app-shell';
import { NotFoundScreen } from './layout/not-found-screen';
import { screensFor } from './routes';
import { loadSession, me, sessionProblem, sessionState } from './session/model';

function Redirect({ to }: { to: string }) {
  const { route } = useLocation();
  useEffect(() => route(to, true), [to]);
  return null;
}

function safeNext(next: string | undefined): string {
  // Only a path of this app, never another site (`//evil.example`, `/\evil.example`).
  return next && /^\/(?![/\\])/.test(next) ? next : '/';
}

function Gate() {
  const { path, url, query } = useLocation();
  const current = me.value;
  if (!current) {
    if (path === '/login') return <LoginScreen />;
    return <Redirect to={path === '/' ? '/login' : `/login?next=${encodeURIComponent(url)}`} />;
  }
  if (current.user.mustChangePassword && path !== '/password') return <Redirect to="/password" />;
  if (path === '/login') return <Redirect to={safeNext(query.next)} />;
  return (
    <AppShell>
      <Router>
        {[
          ...screensFor(current.user.role).map((s) => <Route key={s.path} path={s.path} component={s.component} />),
          <Route key="404" default component={NotFoundScreen} />,
        ]}
      </Router>
    </AppShell>
  );
}

export function App() {
  useEffect(() => {
    void loadSession();
  }, []);
  if (sessionState.value === 'loading') {
    return (
      <p class="splash" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (sessionState.value === 'failed') {
    return (
      <div class="splash" role="alert">
        <p>{sessionProblem.value ? tm(sessionProblem.value) : t('error.unexpected')}</p>
        <button type="button" class="primary" onClick={() => location.reload()}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  return (
    <LocationProvider>
      <Gate />
    </LocationProvider>
  );
}
