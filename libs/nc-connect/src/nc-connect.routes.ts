/** Where the library's controller lives, resolved from the `routePrefix` extra. */
export interface NcConnectRoutes {
  /** e.g. `/auth`; `undefined` when the controller is disabled. */
  readonly prefix?: string;
  /** e.g. `/auth/login`; `undefined` when the controller is disabled. */
  readonly loginPath?: string;
  /** The instance these routes belong to. @default 'default' */
  readonly instance?: string;
}

/** Normalises `routePrefix` (`'auth'`, `'/auth/'`, `false`). */
export function resolveRoutes(routePrefix: string | false | undefined, instance = 'default'): NcConnectRoutes {
  if (routePrefix === false) return { instance };
  const trimmed = (routePrefix ?? 'auth').replace(/^\/+|\/+$/g, '');
  const prefix = trimmed === '' ? '' : `/${trimmed}`;
  return { prefix, loginPath: `${prefix}/login`, instance };
}
