package io.innoleap.scheduler.workshops;

import io.innoleap.contracts.events.Agency;
import io.innoleap.contracts.events.Contact;
import io.innoleap.contracts.events.Horizon;
import io.innoleap.scheduler.clinics.ClinicMailFixtures;
import io.innoleap.scheduler.notifications.MailContent;
import io.innoleap.scheduler.programme.ProgrammeCalendar;
import io.innoleap.scheduler.readmodel.OpenProblemStatement;
import io.innoleap.scheduler.readmodel.ProviderMatch;
import io.innoleap.scheduler.workshops.domain.WorkshopPlan;
import io.innoleap.scheduler.workshops.domain.WorkshopPlanRequest;
import io.innoleap.scheduler.workshops.domain.WorkshopPlanner;
import io.innoleap.scheduler.workshops.domain.WorkshopPolicy;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.innoleap.scheduler.notifications.MailFixtures.HOSTILE;
import static io.innoleap.scheduler.notifications.MailFixtures.HOSTILE_ESCAPED;
import static io.innoleap.scheduler.notifications.MailFixtures.ISSUED;
import static io.innoleap.scheduler.notifications.MailFixtures.attendeeEmails;
import static io.innoleap.scheduler.notifications.MailFixtures.lines;
import static io.innoleap.scheduler.notifications.MailFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** The workshop invitation as the templates render it (views/workshops/invitation.*). */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkshopMailsTest implements TestPropertyProvider {

    @Inject
    WorkshopMails mails;

    @Override
    public Map<String, String> getProperties() {
        return ClinicMailFixtures.properties("sched-workshop-mails");
    }

    private record Planned(WorkshopPlan plan, WorkshopMailView view) {
    }

    /** LTA and URA bring a statement each; Aurora and Beacon are matched. {@code name} is URA's and Aurora's name. */
    private static Planned invitation(String name) {
        Agency lta = new Agency("LTA", "Land Transport Authority", "transport");
        Agency ura = new Agency("URA", name, "planning");
        OpenProblemStatement bus = new OpenProblemStatement(UUID.randomUUID(), lta, Set.of("smart-cities"), Horizon.IMMEDIATE_OPERATIONAL,
                "Bus bunching", new Contact("Tan", "tan@lta.gov.sg"));
        OpenProblemStatement kerb = new OpenProblemStatement(UUID.randomUUID(), ura, Set.of("smart-cities"), Horizon.LONG_TERM,
                "Kerb congestion", new Contact("Lim " + name, "lim@ura.gov.sg"));
        UUID aurora = UUID.randomUUID();
        UUID beacon = UUID.randomUUID();
        WorkshopPlan plan = new WorkshopPlanner(ProgrammeCalendar.singapore(), WorkshopPolicy.defaults(),
                Clock.fixed(ISSUED, ZoneOffset.UTC)).plan(WorkshopPlanRequest.notBefore(LocalDate.parse("2027-01-14")), List.of(),
                List.of(bus, kerb), Map.of(bus.id(), List.of(new ProviderMatch(aurora, "Aurora", 0.8, Set.of("smart-cities"))),
                        kerb.id(), List.of(new ProviderMatch(beacon, "Beacon", 0.5, Set.of("smart-cities")))));
        WorkshopMailView view = WorkshopMailView.of(UUID.randomUUID(), plan,
                Map.of(aurora, new Contact("Priya", "priya@aurora.example"), beacon, new Contact("Bo", "bo@beacon.example")));
        return new Planned(plan, view);
    }

    @Test
    void theWorkshopInvitationGoesToParticipantsAndInvitedProvidersWithAnIcs() throws Exception {
        Planned planned = invitation("Urban <Redevelopment> Authority");
        WorkshopMailView view = planned.view();

        MailContent mail = mails.invitation(view, ISSUED);

        assertThat(mail.subject()).isEqualTo("Invitation: InnoLeap thematic workshop on smart-cities, "
                + "Thu 14 Jan 2027, 09:30-12:30 (Asia/Singapore, GMT+8)");
        assertThat(mail.text()).isEqualTo("""
                You are invited to a InnoLeap thematic workshop on smart-cities, where agencies bring their problem statements \
                to meet solution providers. A calendar invitation is attached.

                When: Thu 14 Jan 2027, 09:30-12:30 (Asia/Singapore, GMT+8)
                Where: To be announced

                Agencies and their problem statements:
                - Land Transport Authority (LTA)
                    * Bus bunching
                - Urban <Redevelopment> Authority (URA)
                    * Kerb congestion

                Invited solution providers:
                - Aurora
                - Beacon

                -- InnoLeap
                """);
        assertThat(mail.html()).contains("Urban &lt;Redevelopment&gt; Authority").doesNotContain("<Redevelopment>");
        assertThat(view.recipients()).extracting(Contact::email)
                .containsExactly("tan@lta.gov.sg", "lim@ura.gov.sg", "priya@aurora.example", "bo@beacon.example");

        String ics = mail.attachments().get(0).contentAsUtf8();
        VEvent event = parse(ics).<VEvent>getComponents("VEVENT").get(0);
        assertThat(parse(ics).getProperty("METHOD").orElseThrow().getValue()).isEqualTo("REQUEST");
        assertThat(event.getProperty("UID").orElseThrow().getValue()).isEqualTo("workshop-" + view.workshopId() + "@match.innoleap.example");
        assertThat(Instant.from(event.getDateTimeStart().getDate())).isEqualTo(planned.plan().startsAt());
        assertThat(event.getProperty("DTEND").orElseThrow().getValue()).isEqualTo("20270114T123000");
        assertThat(event.getProperty("DTEND").orElseThrow().getParameter("TZID").orElseThrow().getValue())
                .isEqualTo("Asia/Singapore");
        assertThat(event.getProperty("ORGANIZER").orElseThrow().getValue()).isEqualToIgnoringCase("mailto:programme@innoleap.example");
        assertThat(event.getProperty("LOCATION").orElseThrow().getValue()).isEqualTo("To be announced");
        assertThat(event.getProperty("DESCRIPTION").orElseThrow().getValue()).isEqualTo(mail.text());
        assertThat(attendeeEmails(ics)).containsExactly("tan@lta.gov.sg", "lim@ura.gov.sg", "priya@aurora.example", "bo@beacon.example");
    }

    @Test
    void userTextIsEscapedInTheHtmlPartAndAddsNoLineToTheInvitation() {
        MailContent mail = mails.invitation(invitation(HOSTILE).view(), ISSUED);

        assertThat(mail.html()).doesNotContain("<script>").contains(HOSTILE_ESCAPED);
        assertThat(mail.text()).contains("Bus <script>");
        String ics = mail.attachments().get(0).contentAsUtf8();
        assertThat(lines(ics)).noneMatch(l -> l.startsWith("Bcc") || l.startsWith("LOCATION:https"));
    }
}
