/** The charts this repository builds. */
export { helloworldEgress } from './helloworld-egress/chart';
export type { Values as HelloworldEgressValues } from './helloworld-egress/values';
