import { fork } from 'node:child_process';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { setAffinity } from './cpu-affinity.mjs';

const SERVER = fileURLToPath(new URL('../server.mjs', import.meta.url));

/** A benchmarked server running bench/server.mjs in a child process, driven over IPC. */
export class ServerProcess {
  #child;
  #output = '';
  #pending = new Map();
  #nextId = 0;

  constructor(name, port) {
    this.name = name;
    this.port = port;
    /** Where the app is reached, with the host name of its registered redirect URI. */
    this.url = `http://localhost:${port}`;
  }

  /**
   * Starts `app` (a name known to bench/server.mjs) on `port` and waits until it listens.
   * `execArgv`: Node options of the child (e.g. --expose-gc, --cpu-prof).
   */
  static async start({ name, app, port, options = {}, env = {}, execArgv = [] }) {
    const server = new ServerProcess(name, port);
    await server.#spawn(app, options, env, execArgv);
    return server;
  }

  async #spawn(app, options, env, execArgv) {
    const child = fork(SERVER, [app], {
      execArgv,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        ...env,
        BENCH_PORT: String(this.port),
        BENCH_APP_OPTIONS: JSON.stringify(options),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.#child = child;
    child.stdout.on('data', (chunk) => (this.#output += chunk));
    child.stderr.on('data', (chunk) => (this.#output += chunk));
    child.on('message', (message) => {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      if (message.error) pending.reject(new Error(`${this.name}: ${message.error}`));
      else pending.resolve(message.result);
    });
    child.on('exit', (code) => {
      for (const { reject } of this.#pending.values()) reject(this.#failure(`exited with ${code}`));
      this.#pending.clear();
    });
    await new Promise((resolve, reject) => {
      const onMessage = (message) => {
        if (message.type !== 'ready') return;
        child.off('exit', onExit);
        child.off('message', onMessage);
        resolve();
      };
      const onExit = (code) => reject(this.#failure(`exited with ${code} while starting`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  }

  /** Keeps the server (all its threads) on `cpus` from now on (see cpu-affinity.mjs). */
  pin(cpus) {
    setAffinity(this.#child.pid, cpus);
  }

  #failure(what) {
    return new Error(`the ${this.name} server ${what}:\n${this.#output}`);
  }

  /** Sends one IPC request to the server and resolves with its answer. */
  request(type, payload = {}) {
    const id = ++this.#nextId;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#child.send({ id, type, ...payload });
    });
  }

  /** User + system CPU microseconds the server process has used so far. */
  async cpuMicros() {
    const { user, system } = await this.request('cpu');
    return user + system;
  }

  /** Closes the app and waits for the process to end (killing it after 10 s). */
  async stop() {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send({ id: 0, type: 'exit' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
