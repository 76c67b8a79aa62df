import { Controller, Get, Header, Query } from '@nestjs/common';
import { BearerAuth, CurrentUser, OptionalAuth, Public, type NcConnectUser } from 'nestjs-nc-connect';
import { agentsEnabled } from './agents/agents-env.js';
import { homePage } from './pages/home.page.js';
import { loggedOutPage } from './pages/logged-out.page.js';
import { profilePage } from './pages/profile.page.js';

/** HTML pages. `NcConnectGuard` is installed globally (see AppModule), so pages are guarded unless marked. */
@Controller()
export class PagesController {
  @Get()
  @OptionalAuth()
  @Header('Content-Type', 'text/html; charset=utf-8')
  home(@CurrentUser() user?: NcConnectUser): string {
    return homePage(user, { agents: agentsEnabled() });
  }

  @Get('profile')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  profile(@CurrentUser() user: NcConnectUser): string {
    return profilePage(user);
  }

  /**
   * Where NC Connect sends the browser after a logout (`NC_CONNECT_POST_LOGOUT_REDIRECT_URI`), with the
   * `state` the library gave it; without `state`, the library came here directly (no provider logout).
   */
  @Get('logged-out')
  @OptionalAuth()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  loggedOut(@CurrentUser() user?: NcConnectUser, @Query('state') state?: unknown): string {
    return loggedOutPage(user, typeof state === 'string' && state !== '');
  }
}

/** JSON API. */
@Controller('api')
export class ApiController {
  @Get('public')
  @Public()
  status(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('profile')
  @Header('Cache-Control', 'no-store')
  profile(@CurrentUser() user: NcConnectUser): NcConnectUser {
    return user;
  }

  /** The same JSON for a mobile app or SPA holding an NC Connect access token (`Authorization: Bearer`). */
  @Get('bearer/profile')
  @BearerAuth()
  @Header('Cache-Control', 'no-store')
  bearerProfile(@CurrentUser() user: NcConnectUser): NcConnectUser {
    return user;
  }
}
