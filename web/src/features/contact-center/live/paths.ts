// Where the live screens live: the console is an agent's home ('/') and also has its own address for
// supervisors and admins who take calls; the dashboard is a supervisor's home and has its own address.
import type { Role } from '../../../../../contract/vocabularies';

export const CONSOLE_PATH = '/cc/console';
export const DASHBOARD_PATH = '/cc/dashboard';

/** Agents work from the console: it is their home. */
export const consoleIsHome = (role: Role | null | undefined) => role === 'agent';

/** Where this user's console is. */
export function consoleHref(role: Role | null | undefined): string {
  return consoleIsHome(role) ? '/' : CONSOLE_PATH;
}

/** True when `path` shows this user the console. */
export function onConsole(path: string, role: Role | null | undefined): boolean {
  return path === CONSOLE_PATH || (path === '/' && consoleIsHome(role));
}
