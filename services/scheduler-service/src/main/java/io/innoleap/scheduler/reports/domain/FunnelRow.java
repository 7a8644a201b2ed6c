package io.innoleap.scheduler.reports.domain;

/**
 * One line of the programme report: a theme's (or, with {@code theme} null, all themes') funnel.
 * {@code medianDaysToFirstConfirmedClinic} is null when no statement of the line has a confirmed clinic.
 */
public record FunnelRow(String theme, long posted, long matched, long clinicRequested, long clinicConfirmed, long piloting,
                        long workshopsHeld, long sharingDaysHeld, Double medianDaysToFirstConfirmedClinic) {
}
