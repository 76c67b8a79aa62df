/** The exact version tested for each other Node.js line (see node-line.mjs), by major version. */
export const NODE_LINES: Readonly<Record<string, string>>;
/** The path of the `node` binary of `line` (a key of NODE_LINES), downloaded and cached on first use. */
export function nodeBinary(line: string): string;
