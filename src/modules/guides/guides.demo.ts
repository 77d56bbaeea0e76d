import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SYSTEM_ACTOR, type AuditActor, type AuditLog } from '../../platform/audit/audit.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { isoDate } from '../../platform/lifecycle/lifecycle.js';
import { DEMO_ORGANISATIONS, DEMO_USERS } from '../demo/demo.data.js';
import { parseGuideFile, type GuideFile } from './guide.front-matter.js';
import { transitionGuide } from './guide.states.js';
import { GuidesRepository } from './guides.repository.js';
import type { GuidesDb } from './guides.tables.js';

export const DEMO_CONTENT_DIR = fileURLToPath(new URL('./demo/content', import.meta.url));

/** Every demo guide file, parsed (a file that breaks the format throws, naming it). */
export function readDemoGuides(dir = DEMO_CONTENT_DIR, today = isoDate(new Date())): GuideFile[] {
  if (!fs.existsSync(dir)) return [];
  const files: GuideFile[] = [];
  for (const country of fs.readdirSync(dir).sort()) {
    const folder = path.join(dir, country);
    if (!fs.statSync(folder).isDirectory()) continue;
    for (const name of fs.readdirSync(folder).sort()) {
      if (!name.endsWith('.md')) continue;
      const text = fs.readFileSync(path.join(folder, name), 'utf8');
      files.push(parseGuideFile(text, `${country}/${name}`, today));
    }
  }
  return files;
}

/**
 * The demo guides, written through the lifecycle (create and submit by the demo officer of the
 * responsible office, publish by Corridor itself, as a second pair of eyes) so that their
 * history, audit trail and outbox are complete; each is verified on its file's date. Runs once:
 * nothing when any guide exists. After the demo organisations and users (module order).
 */
export async function seedDemoGuides(ports: {
  db: GuidesDb;
  audit: AuditLog;
  events?: EventPublisher | null;
  progress?: (line: string) => void;
  organisations: { idsByRegistration(numbers: readonly string[]): Promise<Map<string, string>> };
  /** The demo officers' accounts, by email. */
  userIdByEmail?: (email: string) => Promise<string | null>;
  now?: Date;
}): Promise<{ guides: number }> {
  const repository = new GuidesRepository(ports.db);
  if (await repository.any()) return { guides: 0 };
  const now = ports.now ?? new Date();
  const files = readDemoGuides(DEMO_CONTENT_DIR, isoDate(now));
  const offices = await ports.organisations.idsByRegistration([
    ...new Set(files.map((file) => file.office)),
  ]);
  const officers = new Map<string, AuditActor>();
  for (const organisation of DEMO_ORGANISATIONS) {
    const id = offices.get(organisation.registrationNumber);
    const user = DEMO_USERS.find((candidate) => candidate.organisation === organisation.key);
    if (!id || !user) continue;
    const userId = (await ports.userIdByEmail?.(user.email)) ?? null;
    officers.set(organisation.registrationNumber, {
      userId,
      role: user.role,
      organisationId: id,
      apiKeyId: null,
    });
  }
  const deps = { repository, audit: ports.audit, events: ports.events ?? null };
  let count = 0;
  for (const file of files) {
    const organisationId = offices.get(file.office);
    if (!organisationId) continue;
    const author = officers.get(file.office) ?? { ...SYSTEM_ACTOR, organisationId };
    const content = {
      title: file.title,
      summary: file.summary,
      body: file.body,
      sources: file.sources,
    };
    const guide = await transitionGuide(deps, {
      event: 'create',
      key: {
        countryCode: file.country,
        topic: file.topic,
        language: file.language,
        organisationId,
      },
      content,
      actor: author,
      now,
    });
    await transitionGuide(deps, { guideId: guide.id, event: 'submit', actor: author, now });
    await transitionGuide(deps, {
      guideId: guide.id,
      event: 'publish',
      verifiedOn: file.verified,
      actor: SYSTEM_ACTOR,
      now,
    });
    count += 1;
  }
  return { guides: count };
}
