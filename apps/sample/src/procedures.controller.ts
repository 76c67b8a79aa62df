import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { CurrentUser, RequireAssurance, type NcConnectUser } from 'nestjs-nc-connect';
import { bankDetailsPage, bankDetailsSavedPage } from './pages/bank-details.page.js';
import { identityCertificatePage } from './pages/identity-certificate.page.js';

/**
 * Procedures that ask more than a login (`@RequireAssurance()`), behind the global `NcConnectGuard`:
 * a certificate for digitally verified identities only, and a sensitive change that needs a recent
 * login.
 */
@Controller()
export class ProceduresController {
  /** Only for `verified: 2`; anyone else sees a page saying how to have their identity verified. */
  @Get('identity-certificate')
  @RequireAssurance({ verified: 2 })
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  identityCertificate(@CurrentUser() user: NcConnectUser): string {
    return identityCertificatePage(user);
  }

  /** A login older than 5 minutes is sent back to NC Connect (`prompt=login`, `max_age=300`). */
  @Get('bank-details')
  @RequireAssurance({ maxAge: 300 })
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  bankDetails(): string {
    return bankDetailsPage();
  }

  /** The change itself: the same requirement (a form left open too long gets 401). */
  @Post('bank-details')
  @HttpCode(200)
  @RequireAssurance({ maxAge: 300 })
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  saveBankDetails(): string {
    return bankDetailsSavedPage();
  }
}
