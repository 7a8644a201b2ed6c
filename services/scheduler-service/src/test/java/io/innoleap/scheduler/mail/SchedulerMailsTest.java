package io.innoleap.scheduler.mail;

import static io.innoleap.scheduler.mail.MailFixtures.CLINIC_ID;
import static io.innoleap.scheduler.mail.MailFixtures.ISSUED;
import static io.innoleap.scheduler.mail.MailFixtures.SETTINGS;
import static io.innoleap.scheduler.mail.MailFixtures.TOKEN;
import static io.innoleap.scheduler.mail.MailFixtures.clinic;
import static io.innoleap.scheduler.mail.MailFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innoleap.scheduler.domain.Agency;
import io.innoleap.scheduler.domain.Contact;
import io.innoleap.scheduler.domain.Horizon;
import io.innoleap.scheduler.domain.OpenProblemStatement;
import io.innoleap.scheduler.domain.ProgrammeCalendar;
import io.innoleap.scheduler.domain.ProviderMatch;
import io.innoleap.scheduler.domain.WorkshopPlan;
import io.innoleap.scheduler.domain.WorkshopPlanRequest;
import io.innoleap.scheduler.domain.WorkshopPlanner;
import io.innoleap.scheduler.domain.WorkshopPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import org.junit.jupiter.api.Test;

class SchedulerMailsTest {
    private static final String WHEN = "Thu 14 Jan 2027, 09:30-10:30 (Asia/Singapore, GMT+8)";
    private static final String HOSTILE = "Bus <script>alert(\"x\")</script> & 'bunching'\r\nBcc: victim@evil.example";
    private final SchedulerMails mails = new SchedulerMails(SETTINGS);

    private static List<String> attendeeEmails(String ics) throws Exception {
        VEvent event = parse(ics).<VEvent>getComponents("VEVENT").get(0);
        return event.<Attendee>getProperties("ATTENDEE").stream().map(a -> a.getCalAddress().getSchemeSpecificPart()).toList();
    }

    @Test
    void theConfirmationRequestLinksToTheConfiguredPublicBaseUrl() {
        MailContent mail = mails.clinicConfirmationRequest(clinic("Predicting bus bunching"), TOKEN, ISSUED.plusSeconds(72 * 3600));
        String link = "https://match.innoleap.example/clinics/confirmations/" + TOKEN;

        assertThat(mails.confirmationUrl(TOKEN)).isEqualTo(link);
        assertThat(mail.text()).contains(link, "Predicting bus bunching", "Land Transport Authority (LTA)", WHEN,
                "Aurora Robotics Pte Ltd, Beacon Labs, Citrine AI", "Room 3-01, Innovation Hub",
                "expires Thu 26 Nov 2026, 10:00 (Asia/Singapore, GMT+8)");
        assertThat(mail.html()).contains("href=\"" + link + "\"");
        assertThat(mail.subject()).contains("Please confirm", "LTA", "Predicting bus bunching", WHEN);
        assertThat(mail.attachments()).isEmpty();
        assertThat(mail.toString()).doesNotContain(TOKEN);
    }

    @Test
    void onlyRealTokensBecomeLinks() {
        for (String bad : new String[] {"../../admin", "", TOKEN + "?x=1", TOKEN.substring(1)}) {
            assertThatThrownBy(() -> mails.confirmationUrl(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void userDataIsEscapedInHtmlAndCannotBreakTheSubjectLine() {
        MailContent mail = mails.clinicConfirmationRequest(clinic(HOSTILE), TOKEN, ISSUED);

        assertThat(mail.html()).doesNotContain("<script>").contains("Bus &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;bunching&#39;");
        assertThat(mail.subject()).doesNotContain("\r").doesNotContain("\n").contains("'bunching' Bcc: victim@evil.example");
        assertThat(mail.text()).contains("Bus <script>"); // the text part is plain text: shown, not interpreted

        for (MailContent other : List.of(mails.clinicConfirmed(clinic(HOSTILE), ISSUED), mails.clinicDeclined(clinic(HOSTILE)))) {
            assertThat(other.html()).doesNotContain("<script>");
            assertThat(other.subject()).doesNotContain("\r", "\n").contains("Bcc: victim@evil.example");
        }
    }

    @Test
    void theConfirmedMailCarriesAnInvitationFromTheCoordinatorToAgencyAndCompanies() throws Exception {
        MailContent mail = mails.clinicConfirmed(clinic("Predicting bus bunching"), ISSUED);

        assertThat(mail.subject()).isEqualTo("Clinic confirmed: \"Predicting bus bunching\", " + WHEN);
        assertThat(mail.text()).contains(WHEN, "Ann Lee <ann@innoleap.example>", "Aurora Robotics Pte Ltd");
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("clinic-" + CLINIC_ID + ".ics");
            assertThat(a.contentType()).isEqualTo("text/calendar; charset=UTF-8; method=REQUEST");
        });
        String ics = mail.attachments().get(0).contentAsUtf8();
        VEvent event = parse(ics).<VEvent>getComponents("VEVENT").get(0);
        assertThat(event.getProperty("UID").orElseThrow().getValue()).isEqualTo("clinic-" + CLINIC_ID + "@match.innoleap.example");
        assertThat(event.getProperty("DTSTART").orElseThrow().getValue()).isEqualTo("20270114T013000Z");
        assertThat(event.getProperty("DTEND").orElseThrow().getValue()).isEqualTo("20270114T023000Z");
        assertThat(event.getProperty("ORGANIZER").orElseThrow().getValue()).isEqualToIgnoringCase("mailto:ann@innoleap.example");
        assertThat(event.getProperty("LOCATION").orElseThrow().getValue()).isEqualTo("Room 3-01, Innovation Hub");
        assertThat(event.getProperty("SUMMARY").orElseThrow().getValue()).isEqualTo("InnoLeap clinic: Predicting bus bunching");
        assertThat(event.getProperty("DESCRIPTION").orElseThrow().getValue()).contains(WHEN, "Citrine AI");
        // Citrine has no contact; Beacon's contact is the agency contact's address again.
        assertThat(attendeeEmails(ics)).containsExactly("tan_wei_ling@lta.gov.sg", "priya@aurora.example");
        assertThat(clinic("x").confirmedRecipients()).extracting(Contact::email)
                .containsExactly("tan_wei_ling@lta.gov.sg", "priya@aurora.example");
        // Re-rendering (e.g. a retried send) yields the same calendar event.
        assertThat(mails.clinicConfirmed(clinic("Predicting bus bunching"), ISSUED).attachments().get(0).contentAsUtf8()).isEqualTo(ics);
    }

    @Test
    void theDeclinedMailTellsTheAgencyTheSlotWasReleased() {
        MailContent mail = mails.clinicDeclined(clinic("Predicting bus bunching"));

        assertThat(mail.subject()).startsWith("Clinic not confirmed").contains(WHEN);
        assertThat(mail.text()).contains("released", "another available slot", WHEN, "Predicting bus bunching");
        assertThat(mail.html()).contains("released");
        assertThat(mail.attachments()).isEmpty();
    }

    @Test
    void theWorkshopInvitationGoesToParticipantsAndInvitedProvidersWithAnIcs() throws Exception {
        Agency lta = new Agency("LTA", "Land Transport Authority", "transport");
        Agency ura = new Agency("URA", "Urban <Redevelopment> Authority", "planning");
        OpenProblemStatement bus = new OpenProblemStatement(UUID.randomUUID(), lta, Set.of("smart-cities"), Horizon.IMMEDIATE_OPERATIONAL,
                "Bus bunching", new Contact("Tan", "tan@lta.gov.sg"));
        OpenProblemStatement kerb = new OpenProblemStatement(UUID.randomUUID(), ura, Set.of("smart-cities"), Horizon.LONG_TERM,
                "Kerb congestion", new Contact("Lim", "lim@ura.gov.sg"));
        UUID aurora = UUID.randomUUID();
        UUID beacon = UUID.randomUUID();
        WorkshopPlan plan = new WorkshopPlanner(ProgrammeCalendar.singapore(), WorkshopPolicy.defaults(),
                Clock.fixed(ISSUED, ZoneOffset.UTC)).plan(WorkshopPlanRequest.notBefore(LocalDate.parse("2027-01-14")), List.of(),
                List.of(bus, kerb), Map.of(bus.id(), List.of(new ProviderMatch(aurora, "Aurora", 0.8, Set.of("smart-cities"))),
                        kerb.id(), List.of(new ProviderMatch(beacon, "Beacon", 0.5, Set.of("smart-cities")))));
        UUID workshopId = UUID.randomUUID();
        WorkshopMailView view = WorkshopMailView.of(workshopId, plan,
                Map.of(aurora, new Contact("Priya", "priya@aurora.example"), beacon, new Contact("Bo", "bo@beacon.example")));

        MailContent mail = mails.workshopInvitation(view, ISSUED);

        assertThat(mail.subject()).isEqualTo("Invitation: InnoLeap thematic workshop on smart-cities, "
                + "Thu 14 Jan 2027, 09:30-12:30 (Asia/Singapore, GMT+8)");
        assertThat(mail.text()).contains("Land Transport Authority (LTA)", "* Bus bunching", "* Kerb congestion", "- Aurora", "- Beacon", "To be announced");
        assertThat(mail.html()).contains("Urban &lt;Redevelopment&gt; Authority").doesNotContain("<Redevelopment>");
        assertThat(view.recipients()).extracting(Contact::email)
                .containsExactly("tan@lta.gov.sg", "lim@ura.gov.sg", "priya@aurora.example", "bo@beacon.example");

        String ics = mail.attachments().get(0).contentAsUtf8();
        VEvent event = parse(ics).<VEvent>getComponents("VEVENT").get(0);
        assertThat(parse(ics).getProperty("METHOD").orElseThrow().getValue()).isEqualTo("REQUEST");
        assertThat(event.getProperty("UID").orElseThrow().getValue()).isEqualTo("workshop-" + workshopId + "@match.innoleap.example");
        assertThat(Instant.from(event.getDateTimeStart().getDate())).isEqualTo(plan.startsAt());
        assertThat(event.getProperty("DTEND").orElseThrow().getValue()).isEqualTo("20270114T043000Z");
        assertThat(event.getProperty("ORGANIZER").orElseThrow().getValue()).isEqualToIgnoringCase("mailto:programme@innoleap.example");
        assertThat(event.getProperty("LOCATION").orElseThrow().getValue()).isEqualTo("To be announced");
        assertThat(attendeeEmails(ics)).containsExactly("tan@lta.gov.sg", "lim@ura.gov.sg", "priya@aurora.example", "bo@beacon.example");
    }
}
