#!/usr/bin/env node
import { cliBanner } from './cli-banner.js';
import { CLI_USAGE, CliUsageError, parseCliArguments } from './cli-arguments.js';
import { NcConnectEmulatorOptionsError } from './emulator-options-error.js';
import { startNcConnectEmulator } from './start-nc-connect-emulator.js';

/** `nc-connect-emulator [options]`: runs the emulator until SIGINT or SIGTERM. */
async function main(args: readonly string[]): Promise<number> {
  const command = parseCliArguments(args, process.env);
  if (command.help) {
    console.log(CLI_USAGE);
    return 0;
  }
  // Listen for the signals first, so that Ctrl+C during start-up still closes cleanly.
  const stopRequested = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const emulator = await startNcConnectEmulator(command.options);
  console.log(cliBanner(emulator, command.options.clients[0]));
  await stopRequested;
  await emulator.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof CliUsageError) {
      console.error(`nc-connect-emulator: ${error.message}\n\n${CLI_USAGE}`);
      process.exitCode = 2;
    } else if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      console.error(`nc-connect-emulator: cannot listen there (${code}); choose another --port or --host`);
      process.exitCode = 1;
    } else if (error instanceof NcConnectEmulatorOptionsError) {
      console.error(`nc-connect-emulator: ${error.message}\n\nRun nc-connect-emulator --help for the options.`);
      process.exitCode = 2;
    } else {
      console.error('nc-connect-emulator: could not start:', error);
      process.exitCode = 1;
    }
  },
);
