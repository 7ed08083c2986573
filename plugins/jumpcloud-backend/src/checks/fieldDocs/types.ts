/** The meaning of a check's fields, and what an organisation without them gets. */
export interface CheckFieldDocs {
  /** One entry per entry of the check's `fields`, in the same order. */
  fields: Record<string, string>;
  /** The result of an organisation (or entity) that lacks the data. */
  withoutData: string;
}
