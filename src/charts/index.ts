/** The charts this repository builds. */
export { helloworldEgress } from './helloworld-egress/chart';
export type { Values as HelloworldEgressValues, EgressProtocol } from './helloworld-egress/values';
