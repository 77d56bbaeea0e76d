import type { PTableParameters } from './ptable.js';

/**
 * Every parameter of Corridor's disclosure control, in one place (docs/statistics.md and
 * ADR 15 explain them). The secret is not here: it comes from the environment variable named
 * below, read by the caller and passed to parseCellKeySecret.
 */
export interface DisclosureParameters extends PTableParameters {
  /**
   * Perturbed counts from 1 to minimumCount − 1 are published as the suppression mark, not as a
   * number (a perturbed 0 is published as 0). 0 or 1 switches the threshold off.
   */
  readonly minimumCount: number;
}

export const DISCLOSURE_PARAMETERS: DisclosureParameters = {
  maxNoise: 2,
  variance: 1,
  blockedUpTo: 2,
  minimumCount: 5,
};

/** The environment variable that holds the statistics secret (base64, at least 32 bytes). */
export const CELL_KEY_SECRET_VARIABLE = 'STATISTICS_CELL_KEY_SECRET';
