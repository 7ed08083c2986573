/**
 * Spreadsheet-safe CSV cell: values from JumpCloud (hostnames, names) could
 * start with = + - @ and run as formulas when an auditor opens the file, so
 * such cells get a leading apostrophe (OWASP CSV injection guidance).
 */
export function csvSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
