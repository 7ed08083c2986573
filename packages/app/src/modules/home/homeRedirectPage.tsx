import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { Navigate, useLocation } from 'react-router-dom';
import { ErrorPage } from '@backstage/core-components';

export function HomeRedirect() {
  const { pathname } = useLocation();
  // Mounted at '/', this page also receives every path no other page claims:
  // only the root itself redirects, anything else is a genuine 404.
  if (pathname === '/' || pathname === '') {
    return <Navigate to="/jumpcloud/overview" replace />;
  }
  return <ErrorPage status="404" statusMessage="Page not found" />;
}

export const homeRedirectPage = PageBlueprint.make({
  name: 'home',
  params: {
    path: '/',
    loader: async () => <HomeRedirect />,
  },
});
