package io.innoleap.scheduler.sharingdays;

import io.innoleap.scheduler.api.JsonTextConverter;
import io.innoleap.scheduler.sharingdays.SharingDayViews.Presenter;
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
        Instant updatedAt) {

    public static final String STATUS_SCHEDULED = "SCHEDULED";

    @Singleton
    public static class PresentersConverter extends JsonTextConverter<List<Presenter>> {
        public PresentersConverter(JsonMapper json) {
            super(json, Argument.listOf(Presenter.class));
        }
    }
}
