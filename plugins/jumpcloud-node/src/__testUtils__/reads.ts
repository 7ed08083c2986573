import { JumpCloudError } from '../client/JumpCloudError';

/** Every item of an iterator. */
export async function drain<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

/** The JumpCloudError a promise rejects with (anything else is rethrown). */
export async function failureOf(
  promise: Promise<unknown>,
): Promise<JumpCloudError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof JumpCloudError) return error;
    throw error;
  }
  throw new Error('expected a JumpCloudError');
}
