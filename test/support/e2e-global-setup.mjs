// Jest globalSetup of the `e2e` project: the Redis tests start a real redis-server, which must be
// installed first (as root it is installed, otherwise the run stops with the command to type).
import { ensureSystemPackages } from '../../scripts/system-deps.mjs';

export default function prepareEndToEndTests() {
  ensureSystemPackages(['redis-server']);
}
