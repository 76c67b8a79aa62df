// Keeps the load generator and the measured server on one CPU (Linux, util-linux's taskset). Split
// over two CPUs that share a physical core or its caches, each slows the other by an amount that
// changes from run to run with where the scheduler puts them, and with what else runs on the
// machine; on one CPU they take turns and the server's CPU time per request stays put.
import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';

/** True when processes can be pinned to a CPU here. */
export const canPin = os.platform() === 'linux' && spawnSync('taskset', ['--version']).status === 0;

/** The CPU the measurements run on: the last one (the first tends to take more interrupts). */
export const BENCH_CPU = os.cpus().length - 1;

/** The CPU list a process may run on, e.g. `0-1` (taskset's notation). */
export function affinity(pid) {
  return /: (.+)$/.exec(execFileSync('taskset', ['-c', '-p', String(pid)], { encoding: 'utf8' }).trim())[1];
}

/** Sets the CPU list of every thread of a process. */
export function setAffinity(pid, cpus) {
  execFileSync('taskset', ['-a', '-c', '-p', String(cpus), String(pid)], { stdio: 'ignore' });
}
