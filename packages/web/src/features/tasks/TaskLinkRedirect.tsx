/** Links in notifications and e-mails name a task by its API path (/tasks/:id): open the task page. */
import { Navigate, useParams } from 'react-router';

export default function TaskLinkRedirect() {
  const { id } = useParams();
  return <Navigate to={`/cong-viec/${id ?? ''}`} replace />;
}
