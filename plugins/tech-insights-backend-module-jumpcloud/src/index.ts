/**
 * Tech Insights backend module publishing JumpCloud facts per catalog
 * entity: disk encryption, MFA enrolment, last contact and failing checks
 * by severity.
 *
 * @packageDocumentation
 */
export { techInsightsModuleJumpCloud as default } from './module';
export {
  JUMPCLOUD_FACT_RETRIEVER_ID,
  createJumpCloudFactRetriever,
} from './retriever/jumpcloudFactRetriever';
export { jumpcloudFactSchema } from './retriever/factSchema';
