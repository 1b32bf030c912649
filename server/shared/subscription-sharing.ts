/**
 * A subscription field whose events resolve the same for every subscriber who receives them (no
 * resolver under it reads who is asking) says so with this extension, and the transport executes
 * and serializes each of its events once per distinct operation (shared-subscription-results). An
 * event meant for one subscriber only (a snapshot) is simply a separate object, never shared.
 */
export const SHARES_RESULTS = 'sharesResults';
