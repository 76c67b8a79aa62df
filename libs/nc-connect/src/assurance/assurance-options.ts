/** Assurance settings (`assurance` in the module options), for `@RequireAssurance()`. */
export interface NcConnectAssuranceOptions {
  /**
   * The `acr` values of the provider's realm, weakest first, e.g. `['eidas1', 'eidas2', 'eidas3']`:
   * `@RequireAssurance({ acr: 'eidas2' })` is then met by `eidas2` and `eidas3`. Required for any
   * `acr` requirement; an `acr` outside this list never meets one. @default [] (no `acr` levels)
   */
  acrLevels?: string[];
}
