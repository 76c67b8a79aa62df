import { NcConnectError } from '../errors/nc-connect-error.js';
/** The step of the protocol during which a provider call failed. */
export type ProviderStep = 'discovery' | 'token' | 'userinfo' | 'keys';
/** True for failures to reach the provider at all: DNS, refused connection, reset, timeout. */
export declare function isNetworkFailure(err: unknown): boolean;
/**
 * Turns what openid-client throws into an {@link NcConnectError} with a message safe to show.
 * The original error stays as `cause` for the log line; its text (which may quote a provider body)
 * never reaches a response.
 */
export declare function mapProviderError(err: unknown, step: ProviderStep): NcConnectError;
