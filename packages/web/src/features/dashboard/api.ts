/** TanStack Query hook of the dashboard. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, data } from '../../api/client';

export interface DashboardFilters {
  orgId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export function useDashboard(f: DashboardFilters) {
  return useQuery({
    queryKey: ['dashboard', f],
    queryFn: async () =>
      data(
        api.GET('/api/v1/dashboard', {
          params: { query: Object.fromEntries(Object.entries(f).filter(([, v]) => v)) },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
