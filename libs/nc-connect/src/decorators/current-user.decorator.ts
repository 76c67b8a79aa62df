import {
  createParamDecorator,
  type ExecutionContext,
  type ParameterDecoratorOptions,
  type PipeTransform,
  type Type,
} from '@nestjs/common';
import { contextRequest } from '../context/context-request.js';
import type { NcConnectUser } from '../user/nc-connect-user.js';

/** A pipe, or the options of Nest's parameter decorators (`{ pipes, schema }`), after the field. */
type CurrentUserPipe = Type<PipeTransform> | PipeTransform | ParameterDecoratorOptions;

const currentUser = createParamDecorator((field: string | undefined, context: ExecutionContext): unknown => {
  const user = contextRequest(context).user as Record<string, unknown> | undefined;
  return field ? user?.[field] : user;
});

/**
 * Injects the logged-in user set by `NcConnectGuard` (by default an {@link NcConnectUser}), or one
 * of its fields; `undefined` when nobody is logged in on an `@OptionalAuth()` route. Works in HTTP
 * routes, GraphQL resolvers and WebSocket gateway handlers alike.
 *
 * The field is checked against `User`: {@link NcConnectUser} by default, or the type your
 * `validateUser` returns, given as a type argument (`@CurrentUser<AppUser>('displayName')`), or once
 * for all with an instantiation expression (`export const CurrentAppUser = CurrentUser<AppUser>;`).
 * The parameter's own type is yours to write: TypeScript does not check decorated parameters.
 *
 * @example
 * ```ts
 * @Get('profile')
 * @UseGuards(NcConnectGuard)
 * profile(@CurrentUser() user: NcConnectUser, @CurrentUser('email') email?: string) {}
 *
 * @Get('greeting')
 * greeting(@CurrentUser<AppUser>('displayName') name: string) {}
 * ```
 */
export function CurrentUser<User extends object = NcConnectUser>(
  field?: NoInfer<keyof User & string>,
  ...pipes: CurrentUserPipe[]
): ParameterDecorator;
/** The whole user, through pipes (or Nest's `{ pipes, schema }` options). */
export function CurrentUser(...pipes: CurrentUserPipe[]): ParameterDecorator;
export function CurrentUser(...fieldAndPipes: (string | CurrentUserPipe | undefined)[]): ParameterDecorator {
  return currentUser(...fieldAndPipes);
}
