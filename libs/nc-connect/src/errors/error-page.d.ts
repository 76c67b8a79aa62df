import type { NcConnectErrorCode } from './nc-connect-error.js';
/** The library's default error page: short, French, with a "Réessayer" link to the login route. */
export declare function renderErrorPage(code: NcConnectErrorCode, status: number, retryUrl: string | undefined): string;
