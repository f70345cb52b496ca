// The key lives in this tab's sessionStorage: gone when the tab closes, never in a URL or a cookie.
const STORAGE_KEY = 'newsledger.api_key';

export function readKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function storeKey(key: string | null): void {
  if (key) sessionStorage.setItem(STORAGE_KEY, key);
  else sessionStorage.removeItem(STORAGE_KEY);
}
