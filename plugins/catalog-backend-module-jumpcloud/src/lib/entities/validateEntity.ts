import {
  DefaultNamespaceEntityPolicy,
  type Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  groupEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';

const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

const kindValidators = [
  userEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
];

/**
 * Runs the checks the catalog applies when it processes an entity, so that a
 * bad transformer result is reported here, with the JumpCloud id at hand,
 * instead of as a processing error on an entity nobody can find.
 * Throws with the reason when the entity is invalid.
 */
export async function validateCatalogEntity(entity: Entity): Promise<void> {
  const result = await policy.enforce(entity);
  if (!result) {
    throw new Error('entity was rejected by the catalog policies');
  }
  for (const validator of kindValidators) {
    if (await validator.check(entity)) {
      return;
    }
  }
  throw new Error(`kind '${entity.kind}' is not User, Group or Resource`);
}
