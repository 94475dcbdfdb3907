import { createBrowserRouter } from 'react-router';
import LoginPage from '../features/auth/LoginPage';
import { Suspense } from 'react';
import { appRoutes, LOGIN_PATH, publicRoutes } from '../routes';
import { AppLayout } from './AppLayout';
import { NotFoundResult, PageSpinner } from '../components/Results';
import { RouteGuard } from './RouteGuard';

// The sign-in page is in the main chunk: it is the first page of most visits.
export const router = createBrowserRouter([
  { path: LOGIN_PATH, element: <LoginPage /> },
  // Public pages need no session and have no signed-in frame.
  ...publicRoutes.map((route) => ({
    path: route.path,
    element: (
      <Suspense fallback={<PageSpinner />}>
        <route.page />
      </Suspense>
    ),
  })),
  {
    element: <AppLayout />,
    children: [
      ...appRoutes.map((route) => ({ path: route.path, element: <RouteGuard route={route} /> })),
      { path: '*', element: <NotFoundResult /> },
    ],
  },
]);
