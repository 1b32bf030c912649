import { PageHeader } from '../ui/page-header.js';

// TODO(dashboard): replace with the real page.
export function RoomsPage() {
  return <PageHeader title="Rooms" />;
}
