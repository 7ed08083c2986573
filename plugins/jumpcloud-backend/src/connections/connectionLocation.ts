import { fieldError } from '../http/validation';
import {
  OutboundUrlPolicy,
  OutboundUrlRefusedError,
  REGION_CONSOLE_URLS,
} from './OutboundUrlPolicy';
import type { ParsedConnectionInput } from './connectionInputSchema';

// Where a connection's API calls go: an explicit API URL (normalised and
// allow-listed by the outbound URL policy) or a region's console URL. Both
// the form and app-config connections go through here, so a URL refused for
// one is refused for the other.

export interface LocationInput {
  apiUrl?: string;
  region?: ParsedConnectionInput['region'];
}

/**
 * API URL (normalised, allow-listed) and region from the input, without
 * resolving the host: app-config connections are applied at startup, before
 * any lookup should hold it up.
 */
export function connectionLocation(
  urlPolicy: OutboundUrlPolicy,
  input: LocationInput,
) {
  if (input.apiUrl) {
    let apiUrl: string;
    try {
      apiUrl = urlPolicy.normalize(input.apiUrl);
    } catch (error) {
      if (error instanceof OutboundUrlRefusedError)
        throw fieldError('apiUrl', error.reason);
      throw error;
    }
    return {
      apiUrl,
      region: OutboundUrlPolicy.regionOf(apiUrl) ?? input.region ?? null,
    };
  }
  const region = input.region ?? 'us';
  return { apiUrl: REGION_CONSOLE_URLS[region], region };
}

/** API URL (normalised, allow-listed, resolved) and region from the input. */
export async function checkedConnectionLocation(
  urlPolicy: OutboundUrlPolicy,
  input: LocationInput,
) {
  const location = connectionLocation(urlPolicy, input);
  try {
    await urlPolicy.check(location.apiUrl);
  } catch (error) {
    if (error instanceof OutboundUrlRefusedError)
      throw fieldError('apiUrl', error.reason);
    throw error;
  }
  return location;
}
