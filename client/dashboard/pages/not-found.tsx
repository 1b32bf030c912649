import { Link } from '../router.js';
import { PageHeader } from '../ui/page-header.js';

export function NotFoundPage({ path }: Record<string, string>) {
  return (
    <>
      <PageHeader title="Not found" />
      <div class="card">
        <p>
          There is no page at <code>/dashboard{path}</code>.
        </p>
        <p>
          <Link to="/">Back to the overview</Link>
        </p>
      </div>
    </>
  );
}
