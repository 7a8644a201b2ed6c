package io.innoleap.scheduler.programme;

import io.innoleap.scheduler.Api;
import io.innoleap.scheduler.Bodies;
import io.innoleap.servicekit.outbox.OutboxRepository;
import io.innoleap.testkit.ServiceTestProperties;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.innoleap.scheduler.ProblemResponses.type;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bookings on Singapore's public holidays (years the library computes, not a list: 2028, 2031) and on
 * a configured closure are a 409 naming the day; nothing is stored or published. The day after is fine.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicHolidayBookingTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    OutboxRepository outbox;

    private Api api;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("sched-holidays").withSmtp()
                .with("innoleap.programme.closures", "2028-02-02 Programme retreat,2028-02-03").build();
    }

    @BeforeAll
    void setUp() {
        api = new Api(http);
    }

    @Test
    void aWorkshopOnGoodFriday2028IsAConflictNamingTheHolidayEvenWithTheCadenceOverridden() {
        long events = outbox.count();
        Api.Answer a = api.post("office", "/api/workshops", Bodies.workshop("cloud", LocalDate.parse("2028-04-14"), true));

        assertThat(a.status()).isEqualTo(409);
        assertThat(a.body()).containsEntry("type", type("public-holiday"))
                .containsEntry("detail", "2028-04-14 is a public holiday in Singapore: Good Friday; nothing is booked on it");
        assertThat(api.total("/api/workshops")).isZero();
        assertThat(outbox.count()).isEqualTo(events);

        assertThat(api.create("office", "/api/workshops", Bodies.workshop("cloud", LocalDate.parse("2028-04-13"), true)))
                .containsEntry("date", "2028-04-13");
    }

    @Test
    void aSharingDayOnLabourDay2031IsAConflict() {
        long before = api.total("/api/sharing-days");
        Api.Answer a = api.post("office", "/api/sharing-days",
                Bodies.sharingDay("transport", List.of("LTA"), LocalDate.parse("2031-05-01")));

        assertThat(a.status()).isEqualTo(409);
        assertThat((String) a.body().get("detail")).startsWith("2031-05-01 is a public holiday in Singapore: Labour");
        assertThat(api.total("/api/sharing-days")).isEqualTo(before);
    }

    @Test
    void configuredClosuresAreConflictsWithTheirName() {
        Api.Answer named = api.post("office", "/api/workshops", Bodies.workshop("education", LocalDate.parse("2028-02-02"), true));
        assertThat(named.status()).isEqualTo(409);
        assertThat((String) named.body().get("detail")).startsWith("2028-02-02 is a closure day of the programme: Programme retreat");

        Api.Answer unnamed = api.post("office", "/api/workshops", Bodies.workshop("education", LocalDate.parse("2028-02-03"), true));
        assertThat(unnamed.status()).isEqualTo(409);
        assertThat((String) unnamed.body().get("detail")).startsWith("2028-02-03 is a closure day of the programme;");
    }

    @Test
    void noClinicSlotIsHeldOnAPublicHoliday() {
        long before = api.total("/api/clinic-slots");
        Api.Answer a = api.post("office", "/api/clinic-slots", Bodies.slot("Pool", "pool@coordinators.example",
                LocalDate.parse("2028-12-25").atTime(10, 0).atZone(ZoneId.of("Asia/Singapore")).toInstant(), 30));

        assertThat(a.status()).isEqualTo(409);
        assertThat((String) a.body().get("detail")).startsWith("2028-12-25 is a public holiday in Singapore: Christmas");
        assertThat(api.total("/api/clinic-slots")).isEqualTo(before);
    }
}
