// Runs the unit and end-to-end suites on each other Node.js line the library supports (see
// node-line.mjs), after `npm test` has run everything on the machine's own Node. CI runs it.
// Usage: node scripts/test-node-lines.mjs [22 24]
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { NODE_LINES, nodeBinary } from './node-line.mjs';

const lines = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(NODE_LINES);
const failed = [];
for (const line of lines) {
  const node = nodeBinary(line);
  console.log(`\n=== Node ${NODE_LINES[line]}: unit and e2e suites ===\n`);
  const started = Date.now();
  const run = spawnSync(
    node,
    [
      '--experimental-vm-modules',
      '--disable-warning=ExperimentalWarning',
      'node_modules/jest/bin/jest.js',
      '--selectProjects',
      'unit',
      'e2e',
    ],
    // Child processes the tests start (npm, the sample app) find this Node first on the PATH.
    { stdio: 'inherit', env: { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}` } },
  );
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`\n=== Node ${NODE_LINES[line]}: ${run.status === 0 ? 'passed' : 'FAILED'} in ${seconds} s ===`);
  if (run.status !== 0) failed.push(NODE_LINES[line]);
}
if (failed.length > 0) {
  console.error(`The suites failed on Node ${failed.join(', ')}.`);
  process.exit(1);
}
