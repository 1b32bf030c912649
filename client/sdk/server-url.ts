import { VideoRoomsError } from './errors.js';

/** The WebSocket URL of a server (or node) given as a page-relative, http(s) or ws(s) URL. */
export function serverUrl(url: string | undefined): string {
  if (!url) {
    if (typeof location === 'undefined') throw new VideoRoomsError('INVALID_ARGUMENT', 'url is required outside a browser page');
    return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  }
  const u = new URL(url, typeof location === 'undefined' ? undefined : location.href);
  if (u.protocol === 'http:') u.protocol = 'ws:';
  if (u.protocol === 'https:') u.protocol = 'wss:';
  if (u.pathname === '/' || u.pathname === '') u.pathname = '/graphql';
  return u.toString();
}

/** The WebSocket URL of a node given by its base URL (its PUBLIC_URL), as the server names nodes. */
export function nodeServerUrl(baseUrl: string): string {
  return serverUrl(`${baseUrl.replace(/\/+$/, '')}/graphql`);
}
