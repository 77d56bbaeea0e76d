/**
 * The closed list of a country guide's topics (issue 14), in the order readers see them. Their
 * names are locale keys `guides.topics.<slug>`; the slugs are in URLs and in the database's
 * check constraint (migrations/20261206010000_guide.sql).
 */
export const GUIDE_TOPICS = [
  'immigration-rules',
  'visas-and-work-permits',
  'rights-and-obligations',
  'working-conditions',
  'cultural-orientation',
  'health-care',
  'education',
  'housing',
  'trafficking-and-smuggling',
  'return-and-reintegration',
  'sending-money-home',
] as const;
export type GuideTopic = (typeof GUIDE_TOPICS)[number];

export function isGuideTopic(value: unknown): value is GuideTopic {
  return typeof value === 'string' && (GUIDE_TOPICS as readonly string[]).includes(value);
}

/** The locale key of a topic's name: slugs have dashes, keys are camel case. */
export function topicKey(topic: GuideTopic): string {
  return `guides.topics.${topic.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())}`;
}
