import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { HomeRedirect } from './homeRedirectPage';

function renderAt(path: string) {
  return renderInTestApp(
    <Routes>
      <Route path="/jumpcloud/overview" element={<p>JumpCloud overview</p>} />
      <Route path="/*" element={<HomeRedirect />} />
    </Routes>,
    { initialRouteEntries: [path] },
  );
}

describe('HomeRedirect', () => {
  it('sends the root to the JumpCloud overview', async () => {
    renderAt('/');
    expect(await screen.findByText('JumpCloud overview')).toBeInTheDocument();
  });

  it('answers unknown paths with a 404 page', async () => {
    renderAt('/no-such-page');
    expect(await screen.findByText(/page not found/i)).toBeInTheDocument();
    expect(screen.queryByText('JumpCloud overview')).not.toBeInTheDocument();
  });
});
