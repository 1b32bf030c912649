// Which page a dashboard path shows, and the navigation's sections.
import type { FunctionComponent } from 'preact';
import { ApiKeysPage } from './pages/api-keys.js';
import { CompositionsPage } from './pages/compositions.js';
import { NewCompositionPage } from './pages/compositions/new-composition.js';
import { NotFoundPage } from './pages/not-found.js';
import { OverviewPage } from './pages/overview.js';
import { RecordingsPage } from './pages/recordings.js';
import { RoomLivePage } from './pages/room-live.js';
import { RoomsPage } from './pages/rooms.js';
import { SessionPage } from './pages/session.js';
import { SessionsPage } from './pages/sessions.js';
import { WebhooksPage } from './pages/webhooks.js';
import { match } from './router.js';

export const NAV = [
  { to: '/', label: 'Overview' },
  { to: '/rooms', label: 'Rooms' },
  { to: '/sessions', label: 'Sessions' },
  { to: '/recordings', label: 'Recordings' },
  { to: '/compositions', label: 'Compositions' },
  { to: '/webhooks', label: 'Webhooks' },
  { to: '/api-keys', label: 'API keys' },
] as const;

// Each page takes its own path parameters (`any`: the table holds pages of different props).
const ROUTES: { pattern: string; page: FunctionComponent<any>; section: string }[] = [
  { pattern: '/', page: OverviewPage, section: '/' },
  { pattern: '/rooms', page: RoomsPage, section: '/rooms' },
  { pattern: '/rooms/:roomId', page: RoomLivePage, section: '/rooms' },
  { pattern: '/sessions', page: SessionsPage, section: '/sessions' },
  { pattern: '/sessions/:sessionId', page: SessionPage, section: '/sessions' },
  { pattern: '/recordings', page: RecordingsPage, section: '/recordings' },
  { pattern: '/compositions', page: CompositionsPage, section: '/compositions' },
  { pattern: '/compositions/new', page: NewCompositionPage, section: '/compositions' },
  { pattern: '/webhooks', page: WebhooksPage, section: '/webhooks' },
  { pattern: '/api-keys', page: ApiKeysPage, section: '/api-keys' },
];

export function routeFor(path: string): { page: FunctionComponent<Record<string, string>>; params: Record<string, string>; section: string | null } {
  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (params) return { page: route.page, params, section: route.section };
  }
  return { page: NotFoundPage, params: { path }, section: null };
}
