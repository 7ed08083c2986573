import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JumpCloudClient } from '../JumpCloudClient';
import { failureOf } from '../../__testUtils__/reads';

interface TokenCall {
  authorization: string;
  contentType: string;
  body: string;
}

type Reply = {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
};

const ORG_ID = '5f0c1a2b3c4d5e6f7a8b9c0d';
const SECRET = 'p@ss:word/with+special&chars 0123456789';

/** A token endpoint answering from a script, and one API route. */
class StubJumpCloud {
  readonly calls: TokenCall[] = [];
  readonly apiAuthorizations: string[] = [];
  replies: Reply[] = [];
  private server!: Server;
  url = '';

  async start() {
    this.server = createServer(async (req, res) => {
      const body = await read(req);
      const send = (reply: Reply) => {
        res.writeHead(reply.status, {
          'content-type': 'application/json',
          ...reply.headers,
        });
        res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
      };
      if (req.url === '/oauth2/token' || req.url === '/custom/token') {
        this.calls.push({
          authorization: req.headers.authorization ?? '',
          contentType: req.headers['content-type'] ?? '',
          body,
        });
        send(
          this.replies.shift() ?? {
            status: 200,
            body: { access_token: 'tok', token_type: 'bearer', expires_in: 60 },
          },
        );
        return;
      }
      this.apiAuthorizations.push(req.headers.authorization ?? '');
      send({ status: 200, body: { _id: ORG_ID, displayName: 'Org' } });
    });
    await new Promise<void>(resolve =>
      this.server.listen(0, '127.0.0.1', resolve),
    );
    this.url = `http://127.0.0.1:${
      (this.server.address() as AddressInfo).port
    }`;
  }

  close() {
    return new Promise<void>(resolve => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise(resolve => {
    let text = '';
    req.on('data', chunk => {
      text += chunk;
    });
    req.on('end', () => resolve(text));
  });
}

describe('service-account token requests', () => {
  const stub = new StubJumpCloud();
  beforeAll(() => stub.start());
  afterAll(() => stub.close());
  beforeEach(() => {
    stub.calls.length = 0;
    stub.apiAuthorizations.length = 0;
    stub.replies = [];
  });

  const client = (overrides: { tokenUrl?: string; maxRetries?: number } = {}) =>
    new JumpCloudClient({
      credential: {
        type: 'serviceAccount',
        clientId: 'client id/1',
        clientSecret: SECRET,
      },
      apiUrl: stub.url,
      retryBaseDelayMs: 5,
      retryMaxDelayMs: 10,
      timeoutMs: 2_000,
      ...overrides,
    });

  it('posts form-encoded client credentials with Basic auth and sends the Bearer token', async () => {
    await client().getOrganization(ORG_ID);
    expect(stub.calls).toHaveLength(1);
    const [call] = stub.calls;
    expect(call.contentType).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(call.body).get('grant_type')).toBe(
      'client_credentials',
    );
    expect(new URLSearchParams(call.body).get('scope')).toBe('api');
    const decoded = Buffer.from(
      call.authorization.replace(/^Basic /, ''),
      'base64',
    ).toString('utf8');
    const [id, secret] = decoded.split(':');
    expect(decodeURIComponent(id.replace(/\+/g, ' '))).toBe('client id/1');
    expect(decodeURIComponent(secret.replace(/\+/g, ' '))).toBe(SECRET);
    expect(stub.apiAuthorizations).toEqual(['Bearer tok']);
  });

  it('uses an explicit token URL', async () => {
    await client({ tokenUrl: `${stub.url}/custom/token` }).getOrganization(
      ORG_ID,
    );
    expect(stub.calls).toHaveLength(1);
  });

  it('403: the service account lacks permission (fatal)', async () => {
    stub.replies = [{ status: 403, body: { error: 'access_denied' } }];
    const error = await failureOf(client().getOrganization(ORG_ID));
    expect(error.kind).toBe('api_access_disabled');
    expect(error.fatal).toBe(true);
    expect(error.status).toBe(403);
    expect(error.message).toMatch(/lacks permission/);
    expect(error.capability).toBe('orgSettings');
    expect(stub.calls).toHaveLength(1);
  });

  it('400 invalid_client counts as refused credentials; an echoed secret is redacted', async () => {
    stub.replies = [
      {
        status: 400,
        body: {
          error: 'invalid_client',
          error_description: `bad secret ${SECRET}`,
        },
      },
    ];
    const error = await failureOf(client().getOrganization(ORG_ID));
    expect(error.kind).toBe('invalid_key');
    expect(error.message).toMatch(/client ID and secret were not accepted/);
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toContain(SECRET);
  });

  it('retries a token endpoint that is briefly unavailable', async () => {
    stub.replies = [{ status: 503 }, { status: 502 }];
    const c = client();
    const org = await c.getOrganization(ORG_ID);
    expect(org._id).toBe(ORG_ID);
    expect(c.stats.tokenRequests).toBe(3);
    expect(c.stats.retries).toBe(2);
  });

  it('refuses a token response without a Bearer token', async () => {
    stub.replies = [{ status: 200, body: { token_type: 'bearer' } }];
    expect((await failureOf(client().getOrganization(ORG_ID))).kind).toBe(
      'malformed_response',
    );
    stub.replies = [
      { status: 200, body: { access_token: 'x', token_type: 'mac' } },
    ];
    expect((await failureOf(client().getOrganization(ORG_ID))).kind).toBe(
      'malformed_response',
    );
  });

  it('assumes an hour when expires_in is missing', async () => {
    stub.replies = [{ status: 200, body: { access_token: 'tok2' } }];
    const c = client();
    await c.getOrganization(ORG_ID);
    await c.getOrganization(ORG_ID);
    expect(c.stats.tokenRequests).toBe(1);
    expect(stub.apiAuthorizations).toEqual(['Bearer tok2', 'Bearer tok2']);
  });
});
