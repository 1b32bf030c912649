import { PageHeader } from '../ui/page-header.js';

// TODO(dashboard): replace with the real page.
export function WebhooksPage() {
  return <PageHeader title="Webhooks" />;
}
