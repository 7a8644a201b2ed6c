package io.innoleap.scheduler.workshops.store;

import io.innoleap.contracts.events.Contact;
import io.innoleap.scheduler.programme.store.JsonTextConverter;
import io.innoleap.scheduler.workshops.api.WorkshopViews.Demand;
import io.innoleap.scheduler.workshops.api.WorkshopViews.InvitedProvider;
import io.innoleap.scheduler.workshops.api.WorkshopViews.Participant;
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

/** A stored thematic workshop; participants and invited providers travel as JSON in TEXT columns. */
@MappedEntity("workshop")
public record WorkshopEntity(
        @Id @TypeDef(type = DataType.STRING) UUID id,
        String theme,
        String origin,
        String status,
        LocalDate localDate,
        Instant startsAt,
        Instant endsAt,
        int durationMinutes,
        String venue,
        int capacity,
        boolean cadenceOverridden,
        @Nullable @MappedProperty(converter = DemandConverter.class) @TypeDef(type = DataType.STRING) Demand demand,
        @MappedProperty(converter = ParticipantsConverter.class) @TypeDef(type = DataType.STRING) List<Participant> participants,
        @MappedProperty(converter = InvitedProvidersConverter.class) @TypeDef(type = DataType.STRING) List<InvitedProvider> invitedProviders,
        @Version long version,
        Instant createdAt,
        Instant updatedAt,
        @Nullable @MappedProperty(converter = ContactsConverter.class) @TypeDef(type = DataType.STRING) List<Contact> invitees,
        @Nullable String cancellationReason) {

    public static final String ORIGIN_PLANNED = "PLANNED";
    public static final String ORIGIN_EXPLICIT = "EXPLICIT";
    public static final String STATUS_SCHEDULED = "SCHEDULED";
    public static final String STATUS_CANCELLED = "CANCELLED";

    public boolean isCancelled() {
        return STATUS_CANCELLED.equals(status);
    }

    /** The same workshop at another time or venue (version and updatedAt as the caller sets them). */
    public WorkshopEntity rescheduled(LocalDate newDate, Instant newStart, Instant newEnd, int newDuration, String newVenue,
                                      boolean newCadenceOverridden, Instant now) {
        return new WorkshopEntity(id, theme, origin, status, newDate, newStart, newEnd, newDuration, newVenue, capacity,
                newCadenceOverridden, demand, participants, invitedProviders, version, createdAt, now, invitees,
                cancellationReason);
    }

    public WorkshopEntity cancelled(String reason, Instant now) {
        return new WorkshopEntity(id, theme, origin, STATUS_CANCELLED, localDate, startsAt, endsAt, durationMinutes, venue,
                capacity, cadenceOverridden, demand, participants, invitedProviders, version, createdAt, now, invitees, reason);
    }

    @Singleton
    public static class ContactsConverter extends JsonTextConverter<List<Contact>> {
        public ContactsConverter(JsonMapper json) {
            super(json, Argument.listOf(Contact.class));
        }
    }

    @Singleton
    public static class DemandConverter extends JsonTextConverter<Demand> {
        public DemandConverter(JsonMapper json) {
            super(json, Argument.of(Demand.class));
        }
    }

    @Singleton
    public static class ParticipantsConverter extends JsonTextConverter<List<Participant>> {
        public ParticipantsConverter(JsonMapper json) {
            super(json, Argument.listOf(Participant.class));
        }
    }

    @Singleton
    public static class InvitedProvidersConverter extends JsonTextConverter<List<InvitedProvider>> {
        public InvitedProvidersConverter(JsonMapper json) {
            super(json, Argument.listOf(InvitedProvider.class));
        }
    }
}
