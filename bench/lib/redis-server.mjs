import { spawn } from 'node:child_process';
import { createClient } from 'redis';
import { freePort } from '../../scripts/free-port.mjs';

/** A throwaway redis-server on a free loopback port, without persistence. */
export class RedisServer {
  #process;
  #client;

  static async start() {
    const server = new RedisServer();
    server.port = await freePort();
    server.url = `redis://127.0.0.1:${server.port}`;
    const args = ['--port', String(server.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    server.#process = child;
    let output = '';
    await new Promise((resolve, reject) => {
      const onData = (chunk) => {
        output += chunk;
        if (output.includes('Ready to accept connections')) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('error', (error) =>
        reject(new Error(`redis-server could not start (${error.message}); install it: apt-get install redis-server`)),
      );
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)));
    });
    server.#client = createClient({ url: server.url });
    await server.#client.connect();
    return server;
  }

  /** Redis's own count of the memory it uses (INFO memory, used_memory), in bytes. */
  async usedMemory() {
    const info = await this.#client.info('memory');
    return Number(/^used_memory:(\d+)/m.exec(info)[1]);
  }

  async stop() {
    await this.#client?.close();
    const child = this.#process;
    if (!child || child.exitCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }
}
