/**
 * Email, calendar and confirmation-page content for the scheduler, as pure functions: no
 * Micronaut types, no I/O. The service layer picks recipients, sends {@link io.innoleap.scheduler.mail.MailContent}
 * through Micronaut Email and serves {@link io.innoleap.scheduler.mail.PageContent} from its controller.
 * User data is HTML-escaped in every HTML part and page; subjects are stripped of line breaks.
 */
package io.innoleap.scheduler.mail;
