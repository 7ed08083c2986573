import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { FindingsFilters } from '../FindingsTab/FindingsFilters';

// The Frameworks tab links to the findings of one control
// (?framework=soc2:CC6.1): the Findings tab's select must show that filter.
describe('the findings filter of a control', () => {
  it('shows the control the findings are filtered on', async () => {
    await renderInTestApp(
      <FindingsFilters
        filters={{ framework: 'soc2:CC6.1', status: 'open' }}
        onChange={jest.fn()}
        checks={[]}
        connections={[]}
      />,
    );
    expect(screen.getByLabelText('Framework')).toHaveTextContent('SOC 2 CC6.1');
    expect(screen.getByLabelText('Status')).toHaveTextContent('Open');
  });

  it('offers only the frameworks otherwise', async () => {
    await renderInTestApp(
      <FindingsFilters
        filters={{ framework: 'cis' }}
        onChange={jest.fn()}
        checks={[]}
        connections={[]}
      />,
    );
    expect(screen.getByLabelText('Framework')).toHaveTextContent(
      'CIS Controls v8',
    );
  });
});
