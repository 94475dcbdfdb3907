import { Suspense } from 'react';
import { ForbiddenResult, PageSpinner } from '../components/Results';
import { useCurrentUser } from '../features/auth/api';
import type { AppRoute } from '../routes';
import { can } from './access';

/** Renders a route's page when the user has its action, else a 403 result. */
export function RouteGuard({ route }: { route: AppRoute }) {
  const me = useCurrentUser();
  if (route.action && !can(me, route.action)) return <ForbiddenResult />;
  const Page = route.page;
  return (
    <Suspense fallback={<PageSpinner />}>
      <Page />
    </Suspense>
  );
}
