import { createBrowserRouter } from 'react-router';
import LoginPage from '../features/auth/LoginPage';
import { appRoutes, LOGIN_PATH } from '../routes';
import { AppLayout } from './AppLayout';
import { NotFoundResult } from '../components/Results';
import { RouteGuard } from './RouteGuard';

// The sign-in page is in the main chunk: it is the first page of most visits.
export const router = createBrowserRouter([
  { path: LOGIN_PATH, element: <LoginPage /> },
  {
    element: <AppLayout />,
    children: [
      ...appRoutes.map((route) => ({ path: route.path, element: <RouteGuard route={route} /> })),
      { path: '*', element: <NotFoundResult /> },
    ],
  },
]);
