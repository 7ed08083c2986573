/** Yes / No, or Unknown when JumpCloud did not report the value. */
export function yesNo(value: boolean | null | undefined): string {
  if (value === null || value === undefined) return 'Unknown';
  return value ? 'Yes' : 'No';
}

/** A user's administrative rights in words. */
export function adminRights(user: { isAdmin: boolean; sudo: boolean }): string {
  if (user.isAdmin) return 'JumpCloud administrator';
  if (user.sudo) return 'sudo on bound devices';
  return 'None';
}
