// Download links are signed for a while (DOWNLOAD_URL_TTL_SECS): a list left open asks again for
// its links a minute before the first of them expires, so that Download never answers "expired".
import { useEffect, useRef } from 'preact/hooks';

const MARGIN_MS = 60_000;
const MIN_DELAY_MS = 5_000;

export function useLinkRenewal(expiries: (string | null | undefined)[], renew: () => void): void {
  const latest = useRef(renew);
  latest.current = renew;
  const first = Math.min(...expiries.filter((e): e is string => !!e).map((e) => Date.parse(e)));
  useEffect(() => {
    if (!Number.isFinite(first)) return;
    const timer = setTimeout(() => latest.current(), Math.max(MIN_DELAY_MS, first - Date.now() - MARGIN_MS));
    return () => clearTimeout(timer);
  }, [first]);
}

/** Whether a link has expired or is about to (a tab that slept past its renewal). */
export const linkStale = (expiresAt: string | null | undefined) => !!expiresAt && Date.parse(expiresAt) - Date.now() < MIN_DELAY_MS;
