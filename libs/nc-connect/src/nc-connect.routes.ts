import { RequestMethod } from '@nestjs/common';
import type { ApplicationConfig } from '@nestjs/core';

/** Normalises `routePrefix` (`'auth'`, `'/auth/'`, `false`): `/auth`, or `undefined` for no controller. */
export function normalizeRoutePrefix(routePrefix: string | false | undefined): string | undefined {
  if (routePrefix === false) return undefined;
  const trimmed = (routePrefix ?? 'auth').replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `/${trimmed}`;
}

/** Joins path segments into one path with single slashes and no trailing slash (`/` when empty). */
function joinPaths(...segments: (string | undefined)[]): string {
  const parts = segments.flatMap((s) => (s ?? '').split('/')).filter((p) => p !== '');
  return `/${parts.join('/')}`;
}

/**
 * Where the library's routes are mounted, as Nest mounted them: the app's global prefix
 * (`app.setGlobalPrefix('v1')`, unless it excludes the GET login route), the module path given by
 * `RouterModule`, then `routePrefix`; the routes are version-neutral. Read lazily, at the first
 * request, when the app's configuration is complete.
 */
export class NcConnectRoutes {
  private mounted?: string;

  /**
   * @param prefix the normalised `routePrefix`, `undefined` without a controller
   * @param instance the instance these routes belong to
   * @param appConfig Nest's application configuration (global prefix); absent outside an app
   * @param modulePath the `RouterModule` path of the module holding the controller, read when needed
   */
  constructor(
    readonly prefix: string | undefined,
    readonly instance: string,
    private readonly appConfig?: ApplicationConfig,
    private readonly modulePath: () => string | undefined = () => undefined,
  ) {}

  /** The path of the controller, e.g. `/v1/auth`; `undefined` without a controller. */
  get mountedPrefix(): string | undefined {
    if (this.prefix === undefined) return undefined;
    this.mounted ??= joinPaths(this.globalPrefix(), this.modulePath(), this.prefix);
    return this.mounted;
  }

  /** e.g. `/v1/auth/login`; `undefined` without a controller. */
  get loginPath(): string | undefined {
    const prefix = this.mountedPrefix;
    return prefix === undefined ? undefined : joinPaths(prefix, 'login');
  }

  /** The global prefix, unless the app excluded the library's routes from it. */
  private globalPrefix(): string | undefined {
    const globalPrefix = this.appConfig?.getGlobalPrefix();
    if (!globalPrefix) return undefined;
    const own = joinPaths(this.modulePath(), this.prefix, 'login');
    const excluded = (this.appConfig?.getGlobalPrefixOptions().exclude ?? []).filter(
      (route) => route.requestMethod === RequestMethod.GET || route.requestMethod === RequestMethod.ALL,
    );
    return excluded.some((route) => route.pathRegex.test(own) || route.pathRegex.test(own.slice(1)))
      ? undefined
      : globalPrefix;
  }
}
