import { Inject, Injectable } from '@nestjs/common';
import * as client from 'openid-client';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { NcConnectHttp, type HttpRequest, type HttpResponse } from '../http/nc-connect-http.js';
import { sanitizeReturnTo } from '../http/return-to.js';
import { NC_CONNECT_CONFIG, NC_CONNECT_TRANSACTION_STORE } from '../nc-connect.constants.js';
import { NcConnectClient } from '../provider/nc-connect-client.js';
import { NcConnectAssurancePolicy } from '../assurance/assurance-policy.js';
import { assuranceOf, type NcConnectAssurance } from '../assurance/nc-connect-assurance.js';
import { normalizeUser } from '../user/normalize-user.js';
import type { NcConnectUser } from '../user/nc-connect-user.js';
import type { NcConnectSessionTokens } from '../session/nc-connect-session.js';
import { storeCall } from '../session/store-call.js';
import { authorizationError } from './authorization-error.js';
import { BrowserBinding } from './browser-binding.js';
import type { LoginTransactionStore } from './login-transaction.js';
import { readStepUp, type StepUpParams } from './step-up-request.js';

const PROMPTS = new Set(['none', 'login', 'consent', 'select_account']);
const CALLBACK_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri', 'iss', 'session_state'];
const MAX_PARAM_LENGTH = 4096;
/** The parameters only an authorization response carries (RFC 6749 4.1.2, RFC 9207). */
const RESPONSE_MARKERS = ['code', 'error', 'iss'];

/** A login that completed: who logged in, and what the session needs. */
export interface CompletedLogin {
  user: NcConnectUser;
  idToken: string;
  returnTo: string;
  /** For `keepTokens`; never leaves the server. */
  tokens: NcConnectSessionTokens;
  /** `verified`, `acr` and `auth_time`, kept in the session for `@RequireAssurance()`. */
  assurance: NcConnectAssurance;
}

/** What {@link NcConnectLoginFlow.finish} learnt before it failed or succeeded, for the audit event. */
export interface LoginProgress {
  /** The user's `sub`, once the ID token was verified. */
  sub?: string;
  /** True when the login was a step-up. */
  stepUp?: boolean;
}

/** What a login request may ask for: `max_age` and `acr_values` make it a step-up login. */
export interface LoginRequest extends StepUpParams {
  returnTo?: unknown;
  prompt?: unknown;
}

function requestInvalid(message: string): NcConnectError {
  return new NcConnectError(Code.REQUEST_INVALID, message);
}

/**
 * The authorization code flow, both halves: {@link start} records a one-time transaction (state,
 * nonce, PKCE verifier, return path) server-side and bound to the browser; {@link finish} checks
 * the callback against it, redeems the code and builds the user.
 */
@Injectable()
export class NcConnectLoginFlow {
  private readonly binding: BrowserBinding;
  private readonly callbackPath: string;

  constructor(
    @Inject(NC_CONNECT_CONFIG) private readonly config: NcConnectConfig,
    @Inject(NC_CONNECT_TRANSACTION_STORE) private readonly transactions: LoginTransactionStore,
    private readonly client: NcConnectClient,
    private readonly http: NcConnectHttp,
    private readonly assurance: NcConnectAssurancePolicy,
  ) {
    this.callbackPath = new URL(config.redirectUri).pathname;
    this.binding = new BrowserBinding(http, {
      callbackPath: this.callbackPath,
      secure: config.session.secure,
      maxAgeSeconds: config.loginTimeout,
    });
  }

  /**
   * True when `req` is NC Connect's answer to a login (its query has `code`, `error` or `iss`), so
   * that the login is finished, not started: the rule of openid-client's own passport strategy, which
   * lets one strategy serve any route. A request to the redirect URI's path is an answer too,
   * whatever its query: the callback never starts a login, so a bare or truncated callback URL is
   * refused (`NC_CONNECT_STATE_MISMATCH`) instead of sending the browser back to NC Connect.
   */
  isCallback(req: HttpRequest): boolean {
    const query = this.http.query(req);
    return RESPONSE_MARKERS.some((name) => query.has(name)) || this.http.path(req) === this.callbackPath;
  }

  /** Starts a login and returns the URL of NC Connect's authorization endpoint. */
  async start(res: HttpResponse, request: LoginRequest): Promise<URL> {
    const prompt = request.prompt;
    if (prompt !== undefined && (typeof prompt !== 'string' || !prompt.split(' ').every((p) => PROMPTS.has(p)))) {
      throw requestInvalid(`prompt must be one of: ${[...PROMPTS].join(', ')}.`);
    }
    const stepUp = readStepUp(request, this.assurance);
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const url = await this.client.authorizationUrl({
      state,
      nonce,
      codeChallenge: await client.calculatePKCECodeChallenge(codeVerifier),
      prompt,
      maxAge: stepUp?.maxAge,
      acrValues: stepUp?.acr,
    });
    const bindingHash = this.binding.bind(res, state);
    const ttl = this.config.loginTimeout;
    // Kept past its deadline (twice the timeout) so that a late callback is told "expired", not "unknown".
    await this.stored(() =>
      this.transactions.save(
        {
          state,
          nonce,
          codeVerifier,
          returnTo: sanitizeReturnTo(request.returnTo),
          bindingHash,
          expiresAt: Date.now() + ttl * 1000,
          ...(stepUp ? { stepUp } : {}),
        },
        ttl * 2,
      ),
    );
    return url;
  }

  /** Completes the login the callback belongs to. @throws NcConnectError on any failure */
  async finish(req: HttpRequest, res: HttpResponse, progress: LoginProgress = {}): Promise<CompletedLogin> {
    const params = this.callbackParams(req);
    const state = params.get('state');
    if (!state) throw new NcConnectError(Code.STATE_MISMATCH, 'The login response has no state; please log in again.');
    // The binding is checked before the transaction is spent, so that someone who only saw the
    // state (in a URL, a Referer) cannot burn another browser's login with a cookie-less callback.
    const pending = await this.stored(() => this.transactions.peek(state));
    const transaction =
      pending && this.binding.verify(req, res, state, pending.bindingHash)
        ? await this.stored(() => this.transactions.take(state))
        : undefined;
    if (!transaction) {
      throw new NcConnectError(
        Code.STATE_MISMATCH,
        'This login response does not belong to a login started in this browser; please log in again.',
      );
    }
    if (transaction.expiresAt < Date.now()) {
      throw new NcConnectError(Code.TRANSACTION_EXPIRED, 'The login took too long; please log in again.');
    }
    // RFC 9207: a response naming another issuer is a mix-up attempt (or a misrouted login): refused.
    const iss = params.get('iss');
    if (iss !== null && iss !== this.config.issuer) {
      throw requestInvalid('The login response comes from another issuer; please log in again.');
    }
    const error = params.get('error');
    if (error) throw authorizationError(error);
    if (!params.get('code')) throw requestInvalid('The login response has no authorization code.');

    const tokens = await this.client.exchangeCode(params, {
      state: transaction.state,
      nonce: transaction.nonce,
      codeVerifier: transaction.codeVerifier,
    });
    const sub = tokens.idTokenClaims.sub as string;
    progress.sub = sub;
    progress.stepUp = transaction.stepUp !== undefined;
    // The ID token alone says how the user authenticated (acr, auth_time); userinfo cannot override it.
    const user = normalizeUser(tokens.idTokenClaims, await this.client.userinfo(tokens.accessToken, sub));
    const assurance = assuranceOf(user);
    if (transaction.stepUp) this.assurance.checkLogin(transaction.stepUp, assurance);
    return {
      user,
      assurance,
      idToken: tokens.idToken,
      returnTo: transaction.returnTo,
      tokens: {
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        expiresAt: tokens.expiresIn === undefined ? undefined : Date.now() + tokens.expiresIn * 1000,
      },
    };
  }

  /** A transaction-store call; its failure (Redis down) is a 503, not a 500. */
  private stored<T>(operation: () => Promise<T>): Promise<T> {
    return storeCall(operation, 'Logins are unavailable right now; please try again in a moment.');
  }

  /** The callback's OAuth parameters; each at most once and of bounded length. */
  private callbackParams(req: HttpRequest): URLSearchParams {
    const query = this.http.query(req);
    const params = new URLSearchParams();
    for (const name of CALLBACK_PARAMS) {
      const values = query.getAll(name);
      if (values.length > 1) throw requestInvalid(`The login response repeats the "${name}" parameter.`);
      if (values.length === 0) continue;
      if (values[0].length > MAX_PARAM_LENGTH)
        throw requestInvalid(`The login response's "${name}" parameter is too long.`);
      params.set(name, values[0]);
    }
    return params;
  }
}
