import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Outlet, RouterProvider } from 'react-router';
import { ApiError } from './api/client';
import { RequireSession, SessionProvider, useSession, type Scope } from './auth/session';
import { Layout } from './components/Layout';
import { CompaniesPage } from './pages/CompaniesPage';
import { CompanyPage } from './pages/CompanyPage';
import { CorridorPage } from './pages/CorridorPage';
import { CorridorsPage } from './pages/CorridorsPage';
import { DealPage } from './pages/DealPage';
import { DealsPage } from './pages/DealsPage';
import { EventPage } from './pages/EventPage';
import { ListingPage } from './pages/ListingPage';
import { ListingsPage } from './pages/ListingsPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OperationsPage } from './pages/OperationsPage';
import { RouteError } from './pages/RouteError';
import { RulePage } from './pages/RulePage';
import { SignInPage } from './pages/SignInPage';
import { SubscriptionPage } from './pages/SubscriptionPage';
import { SubscriptionsPage } from './pages/SubscriptionsPage';
import { TimelinePage } from './pages/TimelinePage';
import './app.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // Problems the API explains (4xx) will not change on a retry.
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      staleTime: 5_000,
    },
  },
});

function Requires({ scope, children }: { scope: Scope; children: ReactNode }) {
  const { can } = useSession();
  return can(scope) ? children : <p className="notice">This page needs a key with the {scope} scope.</p>;
}

function Root() {
  return (
    <SessionProvider>
      <Outlet />
    </SessionProvider>
  );
}

const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      {
        element: (
          <RequireSession>
            <Layout />
          </RequireSession>
        ),
        children: [
          {
            errorElement: <RouteError />,
            children: [
              { path: '/', element: <TimelinePage /> },
              { path: '/events/:position', element: <EventPage /> },
              { path: '/deals', element: <DealsPage /> },
              { path: '/deals/:id', element: <DealPage /> },
              { path: '/listings', element: <ListingsPage /> },
              { path: '/listings/:id', element: <ListingPage /> },
              { path: '/corridors', element: <CorridorsPage /> },
              { path: '/corridors/:id', element: <CorridorPage /> },
              { path: '/companies', element: <CompaniesPage /> },
              { path: '/companies/:id', element: <CompanyPage /> },
              { path: '/rules/:id', element: <RulePage /> },
              { path: '/subscriptions', element: <SubscriptionsPage /> },
              { path: '/subscriptions/:id', element: <SubscriptionPage /> },
              {
                path: '/operations',
                element: (
                  <Requires scope="admin">
                    <OperationsPage />
                  </Requires>
                ),
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
