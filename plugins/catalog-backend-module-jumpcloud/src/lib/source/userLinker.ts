import type { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Finds Users that another provider ingested, by email (users: link).
 *
 * @public
 */
export interface UserLinker {
  /** lower-cased email → entity ref, for the emails that match a User. */
  findUsersByEmail(emails: string[]): Promise<Map<string, string>>;
}

const CHUNK = 100;

/** Looks Users up through the catalog API (spec.profile.email). */
export class CatalogUserLinker implements UserLinker {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;

  constructor(options: { catalog: CatalogService; auth: AuthService }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
  }

  async findUsersByEmail(emails: string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(emails.map(email => email.trim().toLowerCase()))]
      .filter(Boolean)
      .sort();
    const credentials = await this.#auth.getOwnServiceCredentials();
    const candidates = new Map<string, string[]>();
    for (let i = 0; i < wanted.length; i += CHUNK) {
      const { items } = await this.#catalog.getEntities(
        {
          filter: {
            kind: 'User',
            'spec.profile.email': wanted.slice(i, i + CHUNK),
          },
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'spec.profile.email',
          ],
        },
        { credentials },
      );
      for (const entity of items) {
        const email = (
          entity.spec?.profile as { email?: string } | undefined
        )?.email
          ?.trim()
          .toLowerCase();
        if (!email) continue;
        const refs = candidates.get(email) ?? [];
        refs.push(stringifyEntityRef(entity));
        candidates.set(email, refs);
      }
    }
    // Two Users with one email: take the same one every time.
    return new Map(
      [...candidates].map(([email, refs]) => [email, [...refs].sort()[0]]),
    );
  }
}
