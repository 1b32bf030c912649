// The operator's API key, kept for this browser tab only (session storage): closing the tab signs out.
const STORAGE_KEY = 'video-rooms.dashboard.apiKey';

export function storedApiKey(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeApiKey(key: string | null): void {
  try {
    if (key) sessionStorage.setItem(STORAGE_KEY, key);
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage refused (private mode): the key lives as long as the page.
  }
}
