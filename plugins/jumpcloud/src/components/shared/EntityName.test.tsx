import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import {
  createFakeJumpCloudApi,
  fixtures,
  renderWithApis,
} from '../../__testUtils__';
import { AssetsTab } from '../AssetsTab/AssetsTab';
import { FindingsTable } from '../FindingsTab/FindingsTable';
import { EntityName } from './EntityName';

jest.setTimeout(20_000);

// A device name as long as the one that made its Assets row hundreds of
// pixels tall in the demo.
const longName = `dev-${'very-long-segment-'.repeat(20)}end`;

/** The name stays on one line, cut with an ellipsis, whole on hover. */
function expectOneLineWithFullNameOnHover(element: HTMLElement) {
  expect(element).toHaveTextContent(longName);
  expect(element).toHaveStyle({
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  });
  expect(element.style.maxWidth).not.toBe('');
}

describe('long entity names', () => {
  it('stay on one line in the Assets table, the full name on hover', async () => {
    const api = createFakeJumpCloudApi({
      listDevices: jest.fn(async () =>
        fixtures.page([
          { ...fixtures.device, displayName: longName, hostname: longName },
        ]),
      ),
    });
    await renderWithApis(<AssetsTab />, { api });
    const names = await screen.findAllByTitle(longName);
    expect(names).toHaveLength(2); // the device column and the hostname
    names.forEach(expectOneLineWithFullNameOnHover);
  });

  it('stay on one line in the Findings table, the full name on hover', async () => {
    const api = createFakeJumpCloudApi({
      listFindings: jest.fn(async () =>
        fixtures.page([{ ...fixtures.finding, entityName: longName }]),
      ),
    });
    await renderWithApis(
      <FindingsTable filters={{}} reloadKey={0} onOpen={jest.fn()} />,
      { api },
    );
    const names = await screen.findAllByTitle(longName);
    expect(names).toHaveLength(1);
    names.forEach(expectOneLineWithFullNameOnHover);
  });

  it('show the full name on hover without the findDOMNode warning a Tooltip raises in StrictMode', async () => {
    const warnings: string[] = [];
    const spy = jest
      .spyOn(console, 'error')
      .mockImplementation((...args) =>
        warnings.push(args.map(String).join(' ')),
      );
    render(
      <StrictMode>
        <EntityName name={longName} />
      </StrictMode>,
    );
    await userEvent.hover(screen.getByTitle(longName));
    spy.mockRestore();
    expect(warnings.filter(w => /findDOMNode/.test(w))).toEqual([]);
  });
});
