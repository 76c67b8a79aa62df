// Compiled by `npm run typecheck`, never run: `@CurrentUser()` checks its field against the user type.
import { Controller, Get, ParseIntPipe } from '@nestjs/common';
import { CurrentUser, NcConnectModule, type NcConnectUser } from 'nestjs-nc-connect';

/** What an app's `validateUser` returns instead of an `NcConnectUser`. */
interface AppUser {
  id: number;
  displayName: string;
}

NcConnectModule.forRoot({
  issuer: 'https://connect.example.nc/realms/nc-connect',
  clientId: 'client',
  clientSecret: 'secret',
  redirectUri: 'https://app.example.nc/auth/callback',
  validateUser: (user: NcConnectUser): AppUser => ({ id: 1, displayName: `${user.givenName} ${user.familyName}` }),
});

/** The app's decorator, typed once for all. */
const CurrentAppUser = CurrentUser<AppUser>;

@Controller()
export class TypedController {
  @Get('nc-connect-user')
  ncConnectUser(@CurrentUser() user: NcConnectUser, @CurrentUser('email') email?: string) {
    return { user, email };
  }

  @Get('app-user')
  appUser(@CurrentUser<AppUser>() user: AppUser, @CurrentUser<AppUser>('displayName') name: string) {
    return { user, name };
  }

  @Get('app-user-id')
  appUserId(@CurrentAppUser('id', ParseIntPipe) id: number, @CurrentAppUser() user: AppUser) {
    return { id, user };
  }

  @Get('pipes')
  pipes(@CurrentUser(new ParseIntPipe()) user: unknown, @CurrentUser('sub', { pipes: [] }) sub: string) {
    return { user, sub };
  }

  @Get('wrong-keys')
  wrongKeys(
    // @ts-expect-error displayName is AppUser's, not a field of the default NcConnectUser
    @CurrentUser('displayName') displayName: string,
    // @ts-expect-error email is NcConnectUser's, not a field of AppUser
    @CurrentUser<AppUser>('email') email: string,
    // @ts-expect-error idd is no field of AppUser
    @CurrentAppUser('idd') id: number,
  ) {
    return { displayName, email, id };
  }
}
