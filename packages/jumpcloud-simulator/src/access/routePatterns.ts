// Route patterns for plans and roles, e.g. `/api/v2/systems/*/fdekey`: a `*`
// segment matches exactly one path segment, and a pattern covers its path and
// everything under it (`/api/v2/systeminsights` covers every table). Express
// matches routes case-insensitively, so patterns do too: `/API/Users` must not
// slip past a role that cannot read `/api/users`.

export function matchesRoute(pattern: string, path: string): boolean {
  const want = segments(pattern);
  const have = segments(path);
  if (have.length < want.length) return false;
  return want.every((segment, i) => segment === '*' || segment === have[i]);
}

export function matchesAny(patterns: readonly string[], path: string): boolean {
  return patterns.some(p => matchesRoute(p, path));
}

function segments(path: string): string[] {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape is routed (and rejected) elsewhere; match it raw.
  }
  return decoded.toLowerCase().split('/').filter(Boolean);
}
