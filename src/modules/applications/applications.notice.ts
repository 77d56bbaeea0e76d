/**
 * What the notifications module needs to tell a job seeker about a change to one of their
 * applications: read through `ApplicationsService.noticeFor(applicationId)` when it handles an
 * `application.<past>` domain event (whose payload holds no personal data). The words are the
 * notifications module's; the facts are these.
 */
export interface ApplicationNotice {
  applicationId: string;
  /** The applicant: the account that is told. */
  seekerUserId: string;
  /** The application's state after the change (submitted, shortlisted, interviewed, …). */
  state: string;
  /** The vacancy's title as it was when the person applied, and its reference. */
  vacancyTitle: string;
  vacancyReference: string;
  /** The employer or agency that works the application. */
  organisationName: string;
  /** The reason given with a rejection, or with the organisation's withdrawal of an offer. */
  reason: string | null;
  /** The interview's date and time, when one is set. */
  interviewAt: Date | null;
  /** Where the person reads the application (a path on this site, `/applications/<id>`). */
  path: string;
}
