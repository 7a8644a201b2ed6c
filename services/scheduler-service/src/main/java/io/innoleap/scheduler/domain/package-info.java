/**
 * The scheduler's rules as plain Java: demand ranking, workshop planning and cadence, sharing-day
 * agendas, clinic slots, the clinic state machine and confirmation tokens.
 *
 * <p>No framework types on purpose: controllers, stores and listeners call these with data from the
 * read model and map {@link io.innoleap.scheduler.domain.SchedulingException} subclasses to
 * problem+json using {@code httpStatus()} and {@code problemType()}. Every time-dependent class
 * takes a {@link java.time.Clock} so tests and callers agree on "now".
 */
package io.innoleap.scheduler.domain;
