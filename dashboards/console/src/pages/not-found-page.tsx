import { Link } from 'react-router';
import { PageHeader } from '../components/page-header';

export function NotFoundPage() {
  return (
    <div className="page">
      <PageHeader title="Page not found" subtitle="This address does not match any page of the console." />
      <Link to="/" className="btn">
        Back to overview
      </Link>
    </div>
  );
}
