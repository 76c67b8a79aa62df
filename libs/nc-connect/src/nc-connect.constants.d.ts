/** Passport name of the NC Connect strategy. */
export declare const NC_CONNECT_STRATEGY = "nc-connect";
/** Injection token of the validated {@link NcConnectConfig}. */
export declare const NC_CONNECT_CONFIG: unique symbol;
/** Injection token of the resolved route settings (prefix of the library's controller, or none). */
export declare const NC_CONNECT_ROUTES: unique symbol;
/** Injection token of the login transaction store. */
export declare const NC_CONNECT_TRANSACTION_STORE: unique symbol;
/** Metadata key set by `@Public()`. */
export declare const IS_PUBLIC_KEY = "nc-connect:public";
/** Metadata key set by `@OptionalAuth()`. */
export declare const IS_OPTIONAL_AUTH_KEY = "nc-connect:optional-auth";
