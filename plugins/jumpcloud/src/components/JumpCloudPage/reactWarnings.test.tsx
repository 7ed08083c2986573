import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeJumpCloudApi, renderWithApis } from '../../__testUtils__';
import { EntityJumpCloudContent } from '../entity/EntityJumpCloudContent';
import { EntityJumpCloudPostureCard } from '../entity/EntityJumpCloudPostureCard';
import { JumpCloudPage } from './JumpCloudPage';

jest.setTimeout(60_000);

/**
 * React's warnings about mistakes in the page's own markup: a list without
 * keys, or an element where HTML does not allow it (a heading inside a
 * heading). Warnings from the libraries underneath (findDOMNode in Material
 * UI v4, defaultProps in material-table) are theirs to fix, not matched here.
 */
const OWN_MARKUP_WARNING =
  /unique "key" prop|validateDOMNesting|cannot appear as a (child|descendant)|cannot contain a nested/;

let errors: string[];
let spy: jest.SpyInstance;

beforeEach(() => {
  errors = [];
  // Other messages still reach the output.
  // eslint-disable-next-line no-console
  const original = console.error;
  spy = jest.spyOn(console, 'error').mockImplementation((...args) => {
    const message = args.map(String).join(' ');
    if (OWN_MARKUP_WARNING.test(message)) errors.push(message);
    else original(...args);
  });
});

afterEach(() => spy.mockRestore());

const device: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'alice-macbook',
    annotations: {
      'jumpcloud.com/system-id': 'sys-1',
      'jumpcloud.com/connection': 'acme-production',
    },
  },
  spec: { type: 'device', owner: 'user:alice' },
};

describe('React warnings from the plugin’s markup', () => {
  it('none on any tab of the JumpCloud page', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(<JumpCloudPage />, { api });
    await screen.findByText('Posture trend');
    const tabs = screen.getAllByRole('tab').map(tab => tab.textContent!);
    expect(tabs.length).toBeGreaterThanOrEqual(5);
    for (const name of tabs) {
      await userEvent.click(screen.getByRole('tab', { name }));
      // Let the tab load its code and data and render them.
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    await userEvent.click(screen.getByRole('tab', { name: 'Findings' }));
    await userEvent.click(
      (
        await screen.findAllByText('Disk encryption enabled')
      )[0],
    );
    await screen.findByRole('dialog');
    expect(errors).toEqual([]);
  });

  it('none on the entity tab and card', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(
      <EntityProvider entity={device}>
        <EntityJumpCloudPostureCard />
        <EntityJumpCloudContent />
      </EntityProvider>,
      { api },
    );
    await screen.findByText('Mac OS X 14.5');
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(errors).toEqual([]);
  });
});
