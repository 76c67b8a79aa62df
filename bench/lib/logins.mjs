// The login measurement: complete logins against the sample app (on Express) through the emulator's
// login form, the app's CPU per login, and the requests the library makes to the provider.
import { logIn } from './browser.mjs';
import { loginCost } from './measure.mjs';
import { ServerProcess } from './server-process.mjs';

/** Endpoints a browser calls at the provider during a login; every other request is the library's. */
const BROWSER_ENDPOINTS = new Set(['authorization', 'resume', 'login_form', 'login_submit', 'login_cancel']);
const ONCE_PER_PROCESS = ['discovery', 'jwks'];

/**
 * Logs in `settings.logins` times (after a few warm-up logins) to the sample app on `port`, whose
 * environment `env` points it at `emulator`, an emulator of its own: its request counts are the
 * library's requests (the browser's are left out).
 */
export async function measureLogins({ port, env, emulator, settings }) {
  const server = await ServerProcess.start({ name: 'login', app: 'sample', port, env });
  try {
    const warmup = Math.min(5, settings.logins);
    for (let i = 0; i < warmup; i++) await logIn(server.url);
    const cost = await loginCost(server, { count: settings.logins, concurrency: settings.loginConcurrency });
    const logins = warmup + settings.logins;
    const counts = emulator.requestCounts();
    const perLogin = {};
    const perProcess = {};
    for (const [endpoint, count] of Object.entries(counts)) {
      if (ONCE_PER_PROCESS.includes(endpoint)) perProcess[endpoint] = count;
      else if (!BROWSER_ENDPOINTS.has(endpoint)) perLogin[endpoint] = count / logins;
    }
    const onlyTokenAndUserinfo =
      Object.keys(perLogin).sort().join() === 'token,userinfo' && perLogin.token === 1 && perLogin.userinfo === 1;
    const oncePerProcess = ONCE_PER_PROCESS.every((endpoint) => (perProcess[endpoint] ?? 0) <= 1);
    return {
      ...cost,
      logins,
      perLogin,
      perProcess,
      perLoginVerdict: onlyTokenAndUserinfo ? 'met' : 'missed',
      perProcessVerdict: oncePerProcess ? 'met' : 'missed',
    };
  } finally {
    await server.stop();
  }
}
