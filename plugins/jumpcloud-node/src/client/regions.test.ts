import { regionOfConsoleUrl, resolveHosts, resolveTokenUrl } from './regions';

describe('resolveHosts', () => {
  it('maps each region to its console and Directory Insights hosts', () => {
    expect(resolveHosts({})).toEqual({
      region: 'us',
      consoleUrl: 'https://console.jumpcloud.com',
      insightsUrl: 'https://api.jumpcloud.com',
    });
    expect(resolveHosts({ region: 'eu' })).toEqual({
      region: 'eu',
      consoleUrl: 'https://console.eu.jumpcloud.com',
      insightsUrl: 'https://api.eu.jumpcloud.com',
    });
    expect(resolveHosts({ region: 'in' }).insightsUrl).toBe(
      'https://api.in.jumpcloud.com',
    );
  });

  it('switches Directory Insights with a JumpCloud console apiUrl', () => {
    expect(
      resolveHosts({
        region: 'us',
        apiUrl: 'https://console.eu.jumpcloud.com/',
      }),
    ).toEqual({
      region: 'eu',
      consoleUrl: 'https://console.eu.jumpcloud.com',
      insightsUrl: 'https://api.eu.jumpcloud.com',
    });
  });

  it('serves Directory Insights from the same origin for other hosts (simulator)', () => {
    expect(resolveHosts({ apiUrl: 'http://127.0.0.1:7011/' })).toEqual({
      region: 'us',
      consoleUrl: 'http://127.0.0.1:7011',
      insightsUrl: 'http://127.0.0.1:7011',
    });
    expect(
      resolveHosts({
        apiUrl: 'http://127.0.0.1:7011',
        insightsUrl: 'http://127.0.0.1:7012/',
      }).insightsUrl,
    ).toBe('http://127.0.0.1:7012');
  });

  it('knows JumpCloud console URLs only', () => {
    expect(regionOfConsoleUrl('https://console.in.jumpcloud.com/')).toBe('in');
    expect(
      regionOfConsoleUrl('https://console.jumpcloud.com.evil.example'),
    ).toBe(undefined);
  });
});

describe('resolveTokenUrl', () => {
  it("uses the region's admin-oauth host for JumpCloud's consoles", () => {
    expect(resolveTokenUrl({})).toBe(
      'https://admin-oauth.id.jumpcloud.com/oauth2/token',
    );
    expect(resolveTokenUrl({ region: 'eu' })).toBe(
      'https://admin-oauth.id.eu.jumpcloud.com/oauth2/token',
    );
    expect(
      resolveTokenUrl({
        region: 'us',
        apiUrl: 'https://console.in.jumpcloud.com/',
      }),
    ).toBe('https://admin-oauth.id.in.jumpcloud.com/oauth2/token');
  });

  it('asks other hosts (simulator, proxy) themselves, unless told otherwise', () => {
    expect(resolveTokenUrl({ apiUrl: 'http://127.0.0.1:7011/' })).toBe(
      'http://127.0.0.1:7011/oauth2/token',
    );
    expect(
      resolveTokenUrl({
        apiUrl: 'http://127.0.0.1:7011',
        tokenUrl: 'http://127.0.0.1:7099/oauth2/token/',
      }),
    ).toBe('http://127.0.0.1:7099/oauth2/token');
  });
});
