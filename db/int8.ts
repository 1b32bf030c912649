/**
 * int8 (bigint: sizes, sequence numbers) comes back as a string from pg and as a bigint from
 * PGlite by default; the values we store fit a double comfortably, so every driver reads them as a
 * number, whichever thread it runs in.
 */
export const INT8_OID = 20;
export const int8AsNumber = (v: string): number => Number(v);
