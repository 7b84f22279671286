/** The charts this repository builds. */
// First: chart modules below load through the helmts source transform (see src/generator/transform).
import '../generator/transform/register';
export { helloworldEgress } from './helloworld-egress/chart';
export type { Values as HelloworldEgressValues, EgressProtocol } from './helloworld-egress/values';
export { starter } from './starter/chart';
export type { Values as StarterValues } from './starter/values';
