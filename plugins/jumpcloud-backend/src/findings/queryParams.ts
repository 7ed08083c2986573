import { z } from 'zod';

/** `?x=a,b` or `?x=a&x=b` → ['a', 'b'], validated item by item. */
export function multi<T extends z.ZodTypeAny>(item: T) {
  return z.preprocess(value => {
    if (value === undefined || value === '') return undefined;
    const list = Array.isArray(value) ? value : [value];
    return list
      .flatMap(v => String(v).split(','))
      .map(v => v.trim())
      .filter(Boolean);
  }, z.array(item).max(50).optional());
}
