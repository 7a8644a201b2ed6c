package io.innoleap.scheduler.sharingdays.store;

import io.innoleap.scheduler.programme.store.JsonTextConverter;
import io.innoleap.scheduler.sharingdays.api.SharingDayViews.Presenter;
import io.innoleap.servicekit.store.StringListConverter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.model.DataType;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A stored sharing day; presenters travel as JSON in a TEXT column. */
@MappedEntity("sharing_day")
public record SharingDayEntity(
        @Id @TypeDef(type = DataType.STRING) UUID id,
        String theme,
        String status,
        @Nullable @MappedProperty(converter = StringListConverter.class) @TypeDef(type = DataType.STRING) List<String> audienceAgencyCodes,
        @Nullable String audienceDomain,
        LocalDate localDate,
        Instant startsAt,
        Instant endsAt,
        int presentationMinutes,
        int consultationMinutes,
        int maxPresenters,
        @MappedProperty(converter = PresentersConverter.class) @TypeDef(type = DataType.STRING) List<Presenter> presenters,
        Instant consultationStartsAt,
        Instant consultationEndsAt,
        @MappedProperty(converter = StringListConverter.class) @TypeDef(type = DataType.STRING) List<String> agencyCodes,
        @MappedProperty(converter = StringListConverter.class) @TypeDef(type = DataType.STRING) List<String> problemStatementIds,
        @MappedProperty("presenters_left_out") int presentersLeftOutForTime,
        @Version long version,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String venue,
        @Nullable String venueKey,
        @Nullable String cancellationReason) {

    public static final String STATUS_SCHEDULED = "SCHEDULED";
    public static final String STATUS_CANCELLED = "CANCELLED";
    /** The unique index that keeps one sharing day per venue and day. */
    public static final String VENUE_DAY_INDEX = "uq_sharing_day_venue_date";

    public boolean isCancelled() {
        return STATUS_CANCELLED.equals(status);
    }

    /** What the unique index compares: the venue in lower case, or null when there is none. */
    public static String venueKey(@Nullable String venue) {
        return venue == null || venue.isBlank() ? null : venue.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** The same agenda moved by {@code shift}, on {@code date}, at {@code newVenue}. */
    public SharingDayEntity moved(LocalDate date, java.time.Duration shift, @Nullable String newVenue, Instant now) {
        List<Presenter> shifted = presenters.stream().map(p -> new Presenter(p.order(), p.solutionProfileId(),
                p.organisationName(), p.matchScore(), p.startsAt().plus(shift), p.endsAt().plus(shift))).toList();
        return new SharingDayEntity(id, theme, status, audienceAgencyCodes, audienceDomain, date, startsAt.plus(shift),
                endsAt.plus(shift), presentationMinutes, consultationMinutes, maxPresenters, shifted,
                consultationStartsAt.plus(shift), consultationEndsAt.plus(shift), agencyCodes, problemStatementIds,
                presentersLeftOutForTime, version, createdAt, now, newVenue, venueKey(newVenue), cancellationReason);
    }

    public SharingDayEntity cancelled(String reason, Instant now) {
        return new SharingDayEntity(id, theme, STATUS_CANCELLED, audienceAgencyCodes, audienceDomain, localDate, startsAt,
                endsAt, presentationMinutes, consultationMinutes, maxPresenters, presenters, consultationStartsAt,
                consultationEndsAt, agencyCodes, problemStatementIds, presentersLeftOutForTime, version, createdAt, now,
                venue, null, reason);
    }

    @Singleton
    public static class PresentersConverter extends JsonTextConverter<List<Presenter>> {
        public PresentersConverter(JsonMapper json) {
            super(json, Argument.listOf(Presenter.class));
        }
    }
}
