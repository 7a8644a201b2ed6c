/**
 * Reliable email: {@link io.innoleap.scheduler.email.MailOutbox#enqueue} stores a mail in the
 * caller's transaction (so a rolled-back booking sends nothing and a committed one always sends),
 * and {@link io.innoleap.scheduler.email.MailDispatcher} delivers it through Micronaut Email over
 * SMTP right after commit and again from a periodic sweep, retrying with back-off. Mail bodies can
 * hold live confirmation links, so nothing here logs them.
 */
package io.innoleap.scheduler.email;
