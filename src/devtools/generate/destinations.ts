import type { Destination } from './destination-types.js';
import { EUROPE_AMERICAS_AND_EAST_ASIA } from './destinations.europe-americas-asia.js';
import { MIDDLE_EAST_AND_MALAYSIA } from './destinations.middle-east.js';

export * from './destination-types.js';

/** Every destination the generator knows (see destination-types.ts). */
export const DESTINATIONS: readonly Destination[] = [
  ...MIDDLE_EAST_AND_MALAYSIA,
  ...EUROPE_AMERICAS_AND_EAST_ASIA,
];

export function destinationOf(country: string): Destination | undefined {
  return DESTINATIONS.find((destination) => destination.country === country);
}
