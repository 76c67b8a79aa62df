/** Thrown by `startNcConnectEmulator` when its options are unusable; lists every problem at once. */
export class NcConnectEmulatorOptionsError extends TypeError {
  override readonly name = 'NcConnectEmulatorOptionsError';

  /** @param problems one `path: problem` line each, e.g. `clients[0].clientId: required`. */
  constructor(readonly problems: readonly string[]) {
    super(`NC Connect emulator options are invalid:\n- ${problems.join('\n- ')}`);
  }
}
