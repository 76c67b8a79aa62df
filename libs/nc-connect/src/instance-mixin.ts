import { mixin, type Type } from '@nestjs/common';

const made = new Map<string, Type>();

/**
 * The class of `kind` for one named instance (or one route prefix), made by `make` the first time
 * and the same class ever after, through Nest's `mixin()` (injectable, as `@nestjs/passport` makes
 * its `AuthGuard(name)` classes). The one way the library makes a named instance's guard, strategy
 * and controller; the class is named `kind(key)` in Nest's messages.
 * @example instanceMixin('NcConnectGuard', 'agents', () => class extends NcConnectGuard { … })
 */
export function instanceMixin<T>(kind: string, key: string, make: () => Type<T>): Type<T> {
  const id = `${kind}(${key})`;
  let type = made.get(id) as Type<T> | undefined;
  if (!type) {
    type = mixin(make());
    Object.defineProperty(type, 'name', { value: id });
    made.set(id, type);
  }
  return type;
}
