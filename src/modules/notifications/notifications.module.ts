import type { Accounts } from '../accounts/accounts.module.js';
import type { ApplicationNotice } from '../applications/applications.notice.js';
import { defineModule } from '../manifest.js';
import {
  APPLICATION_EVENT_PREFIX,
  INVITATION_EVENT,
  NOTIFICATION_KINDS,
} from './notification.kinds.js';
import { registerNotificationsJobs } from './notifications.jobs.js';
import { notificationsPersonalData } from './notifications.privacy.js';
import { NotificationsRepository } from './notifications.repository.js';
import { notificationsRoutes } from './notifications.routes.js';
import {
  NotificationsService,
  type NotificationsNeeds,
  type Recipient,
  type SmsChannel,
} from './notifications.service.js';
import type { NotificationsTables } from './notifications.tables.js';

/** What this module reads of matching's invitations (InvitationsService, a later module). */
export interface InvitationNotices {
  noticeFor(invitationId: string): Promise<{
    invitationId: string;
    userId: string;
    vacancyTitle: string;
    vacancyReference: string;
    organisationName: string;
    path: string;
  } | null>;
}

/** What this module reads of the applications module's service (applications.notice.ts). */
export interface ApplicationNotices {
  noticeFor(applicationId: string): Promise<ApplicationNotice | null>;
}

/**
 * The accounts module as this one reads it: the SMS gateway and the phone on a profile are
 * being added there (issue 13, part 1); until they are, no SMS is sent.
 */
type AccountsWithSms = Accounts & { sms?: SmsChannel };

/**
 * What the service is given of the other modules, read at run time (in closures): the
 * application's facts, the people's names, addresses and languages, the mailer and the SMS
 * gateway.
 */
export function notificationsNeeds(
  accounts: Accounts,
  applications: ApplicationNotices,
  invitations: () => InvitationNotices | undefined = () => undefined,
): NotificationsNeeds {
  const withSms = accounts as AccountsWithSms;
  return {
    notice: (applicationId) => {
      if (typeof applications.noticeFor !== 'function') {
        throw new Error('The applications service has no noticeFor(applicationId) yet');
      }
      return applications.noticeFor(applicationId);
    },
    invitation: async (invitationId) => {
      const service = invitations();
      if (!service) return null;
      const found = await service.noticeFor(invitationId);
      return found
        ? {
            applicationId: found.invitationId,
            seekerUserId: found.userId,
            state: 'invited',
            vacancyTitle: found.vacancyTitle,
            vacancyReference: found.vacancyReference,
            organisationName: found.organisationName,
            reason: null,
            interviewAt: null,
            path: found.path,
          }
        : null;
    },
    recipients: async (ids) => {
      const profiles = await accounts.accounts.profiles(ids);
      return new Map(
        [...profiles].map(([id, profile]): [string, Recipient] => [
          id,
          {
            fullName: profile.fullName,
            // An account opened with a phone number only has an empty email.
            email: profile.email || null,
            phone: (profile as { phone?: string | null }).phone ?? null,
            language: profile.preferredLanguage,
          },
        ]),
      );
    },
    email: {
      enqueue: (executor, message) => accounts.mailer.enqueue(executor, message),
      deliver: (id) => accounts.mailer.deliver(id),
    },
    sms: () => withSms.sms ?? null,
  };
}

export const notificationsModule = defineModule<
  NotificationsTables,
  { accounts: Accounts; applications: ApplicationNotices },
  { notifications: NotificationsService }
>({
  name: 'notifications',
  summary:
    'what Corridor tells a job seeker when one of their applications changes state or an employer invites them to apply, in the app (`/notifications`), by email and by SMS as they chose (`/notifications/settings`), in their language: a durable consumer of the application.* events, run every minute',
  tables: ['notification', 'notification_preference', 'notification_delivery'],
  // Defined in platform/authz/catalogue.ts: every signed-in person, on their own.
  permissions: ['notification.read'],
  // The applicant's facts (applications); names, addresses, languages, mailer, SMS (accounts).
  needs: ['accounts', 'applications'],
  services: ({ db, audit, events, translator, config, jobs }, needs) => {
    const { accounts, applications } = needs;
    return {
      notifications: new NotificationsService({
        repository: new NotificationsRepository(db),
        audit,
        events,
        translator,
        publicUrl: config.publicUrl,
        // Matching's invitations (a later module: read from a closure, after start-up).
        needs: notificationsNeeds(
          accounts,
          applications,
          () => (needs as { matchingInvitations?: InvitationNotices }).matchingInvitations,
        ),
        // The app's logger, once the app has given it to the jobs.
        log: { error: (fields, message) => jobs.log.error(fields, message) },
      }),
    };
  },
  pages: async (app, { notifications }) => {
    await app.register(notificationsRoutes, { notifications });
  },
  menu: [
    {
      position: 105,
      href: '/notifications',
      labelKey: 'notifications.nav',
      role: 'job_seeker',
    },
  ],
  // The demo's applications (loaded before, in module order) are told in the app only: no
  // email or SMS to hundreds of demo people. A failure leaves them to the job.
  demo: async ({ progress }, { notifications }) => {
    try {
      const events = await notifications.deliverPending({ inAppOnly: true });
      progress(`notifications: ${events} application events told in the app (no email, no SMS)`);
    } catch (error) {
      progress(
        `notifications: the demo applications' events were not read now (${
          error instanceof Error ? error.message : String(error)
        }); the job reads them`,
      );
    }
  },
  jobs: (jobs, { notifications }) => registerNotificationsJobs(jobs, { notifications }),
  personalData: ({ notifications }) => notificationsPersonalData(notifications),
  // Any other application.* event about an interview is read as interview_scheduled too.
  events: {
    publishes: [],
    consumes: [
      ...NOTIFICATION_KINDS.filter((kind) => kind !== 'invited').map(
        (kind) => `${APPLICATION_EVENT_PREFIX}${kind}`,
      ),
      INVITATION_EVENT,
    ],
  },
});
