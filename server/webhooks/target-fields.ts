import type { Checker } from '../shared/validation.js';
import { checkWebhookTarget, type TargetPolicy } from './target-policy.js';

/**
 * Refuses, at save, webhook URLs that delivery would refuse, so the user hears it from the
 * mutation rather than from failed deliveries later. `fields` maps input field names to the URLs
 * given; URLs that are not valid http(s) are left to Checker.httpUrl. With private targets
 * allowed, names are not resolved: what remains refused (metadata services) shows in the URL
 * itself, and development often names hosts that do not resolve from the server yet.
 */
export async function checkWebhookUrls(c: Checker, policy: TargetPolicy, fields: Record<string, string | null | undefined>): Promise<void> {
  const entries = Object.entries(fields).flatMap(([field, value]) => {
    const url = httpUrl(value);
    return url ? [{ field, url }] : [];
  });
  const results = await Promise.all(entries.map(({ url }) => checkWebhookTarget(url, policy, { resolveNames: !policy.allowPrivate })));
  results.forEach((result, i) => {
    if (!result.ok) c.fail(entries[i]!.field, result.reason);
  });
}

function httpUrl(value: string | null | undefined): URL | undefined {
  if (value == null || value.length > 2048) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
