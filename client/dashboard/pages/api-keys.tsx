import { PageHeader } from '../ui/page-header.js';

// TODO(dashboard): replace with the real page.
export function ApiKeysPage() {
  return <PageHeader title="API keys" />;
}
