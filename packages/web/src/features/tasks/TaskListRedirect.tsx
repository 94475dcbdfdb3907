/** Friendly sub-paths of the task lists (/cong-viec/cua-toi, /da-giao, /don-vi) → /cong-viec?view=…. */
import { Navigate, useLocation } from 'react-router';

const VIEW_OF: Record<string, string> = { 'cua-toi': 'mine', 'da-giao': 'assigned', 'don-vi': 'unit' };

export default function TaskListRedirect() {
  const { pathname, search } = useLocation();
  const params = new URLSearchParams(search);
  params.set('view', VIEW_OF[pathname.split('/').pop() ?? ''] ?? 'mine');
  return <Navigate to={`/cong-viec?${params.toString()}`} replace />;
}
