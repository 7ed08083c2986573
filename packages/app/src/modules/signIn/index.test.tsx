import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { GuestSignInPage } from './index';

describe('GuestSignInPage', () => {
  it('offers the guest provider', async () => {
    renderInTestApp(<GuestSignInPage onSignInSuccess={jest.fn()} />, {
      config: {
        app: { title: 'Test app' },
        backend: { baseUrl: 'http://localhost:7007' },
      },
    });
    expect(await screen.findByText('Guest')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
  });
});
