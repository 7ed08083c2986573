import type { Response } from 'express';
import { randomBytes } from 'node:crypto';

// Cloudflare sits in front of JumpCloud and answers some failures itself,
// with an HTML page instead of JumpCloud's JSON (jumpcloud-api.md §4.3, §10:
// "Cloudflare in front of JumpCloud can answer HTML 403/429/52x"). A client
// that parses every error body as JSON, or trusts `message`, breaks on these.

export const CLOUDFLARE_STATUSES = [
  403, 429, 502, 503, 520, 521, 522, 523, 524,
] as const;
export type CloudflareStatus = (typeof CLOUDFLARE_STATUSES)[number];

/** Cloudflare's wording per status (error code, title, explanation). */
const PAGES: Record<CloudflareStatus, [string, string, string]> = {
  403: [
    '1020',
    'Access denied',
    'This website is using a security service to protect itself from online attacks.',
  ],
  429: [
    '1015',
    'You are being rate limited',
    'The owner of this website has banned you temporarily from accessing this website.',
  ],
  502: ['502', 'Bad gateway', 'The web server reported a bad gateway error.'],
  503: [
    '503',
    'Service unavailable',
    'The web server is temporarily unable to handle the request.',
  ],
  520: [
    '520',
    'Web server is returning an unknown error',
    'There is an unknown connection issue between Cloudflare and the origin web server.',
  ],
  521: [
    '521',
    'Web server is down',
    'The web server is not returning a connection.',
  ],
  522: [
    '522',
    'Connection timed out',
    'The initial connection between Cloudflare and the origin web server timed out.',
  ],
  523: [
    '523',
    'Origin is unreachable',
    'Cloudflare could not reach the origin web server.',
  ],
  524: [
    '524',
    'A timeout occurred',
    'Cloudflare was able to connect to the origin web server, but it did not reply in time.',
  ],
};

export function isCloudflareStatus(
  status: unknown,
): status is CloudflareStatus {
  return (CLOUDFLARE_STATUSES as readonly unknown[]).includes(status);
}

/** Sends Cloudflare's HTML error page (`server: cloudflare`, a `cf-ray` id). */
export function sendCloudflarePage(
  res: Response,
  status: CloudflareStatus,
  headers: Record<string, string> = {},
): void {
  const [code, title, detail] = PAGES[status];
  const ray = `${randomBytes(8).toString('hex')}-IAD`;
  // Replaces the nginx edge headers: the answer never reached JumpCloud.
  res.removeHeader('x-frame-options');
  res.removeHeader('pragma');
  res
    .status(status)
    .set({
      ...headers,
      server: 'cloudflare',
      'cf-ray': ray,
      'cache-control':
        'private, max-age=0, no-store, no-cache, must-revalidate',
    })
    .type('text/html; charset=UTF-8')
    .send(
      `<!DOCTYPE html>
<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
<html class="no-js" lang="en-US">
<head>
<title>${
        status === 403 ? 'Attention Required!' : `${title}`
      } | console.jumpcloud.com | Cloudflare</title>
<meta charset="UTF-8" />
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
</head>
<body>
<div id="cf-wrapper">
  <div id="cf-error-details" class="cf-error-details-wrapper">
    <h1><span class="cf-error-type">Error</span> <span class="cf-error-code">${code}</span></h1>
    <h2 class="cf-subheadline">${title}</h2>
    <p>${detail}</p>
    <div class="cf-error-footer">
      <p><span>Cloudflare Ray ID: <strong class="font-semibold">${
        ray.split('-')[0]
      }</strong></span> &bull; <span>Performance &amp; security by Cloudflare</span></p>
    </div>
  </div>
</div>
</body>
</html>
`,
    );
}
