import { JUMPCLOUD_LOCATION_TYPE } from './constants';

/** Value of the managed-by-location annotations of one JumpCloud object. */
export function locationRef(connectionId: string, type: string, id: string) {
  return `${JUMPCLOUD_LOCATION_TYPE}:${connectionId}/${type}/${encodeURIComponent(
    id,
  )}`;
}
