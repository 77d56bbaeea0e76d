/**
 * A question a table cannot answer: a breakdown or filter it does not offer, a combination no
 * cube holds, a filter outside the reader's jurisdiction, or months the wrong way round. Pages
 * and the API show it as a translated error on the field (`statistics.errors.<code>`).
 */
export type StatisticsQueryErrorCode =
  | 'breakdown_not_offered'
  | 'filter_not_accepted'
  | 'combination_not_available'
  | 'outside_scope'
  | 'from_after_to';

export class StatisticsQueryError extends Error {
  override readonly name = 'StatisticsQueryError';

  constructor(
    readonly code: StatisticsQueryErrorCode,
    /** The query field at fault: 'by', 'origin', 'destination', 'occupation', 'from', 'to'. */
    readonly field: string,
  ) {
    super(`statistics query: ${code} (${field})`);
  }
}
