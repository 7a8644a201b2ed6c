package io.innoleap.scheduler.sharingdays.api;

import io.innoleap.scheduler.programme.api.RefusalHandler;
import io.innoleap.scheduler.sharingdays.domain.NoMatchingPresentersException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import jakarta.inject.Singleton;

/** How the sharing-day rules' refusals answer: a 409 with its own problem type. */
final class SharingDayProblems {
    private SharingDayProblems() {
    }

    @Produces
    @Singleton
    static class NoMatchingPresenters extends RefusalHandler<NoMatchingPresentersException> {
        NoMatchingPresenters() {
            super(HttpStatus.CONFLICT, "no-matching-presenters", "No presenters match this sharing day");
        }
    }
}
