package io.innoleap.scheduler.clinics;

import io.innoleap.contracts.events.Contact;
import io.innoleap.scheduler.notifications.MailContent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static io.innoleap.scheduler.clinics.ClinicMailFixtures.CLINIC_ID;
import static io.innoleap.scheduler.clinics.ClinicMailFixtures.TOKEN;
import static io.innoleap.scheduler.clinics.ClinicMailFixtures.clinic;
import static io.innoleap.scheduler.notifications.MailFixtures.HOSTILE;
import static io.innoleap.scheduler.notifications.MailFixtures.HOSTILE_ESCAPED;
import static io.innoleap.scheduler.notifications.MailFixtures.ISSUED;
import static io.innoleap.scheduler.notifications.MailFixtures.attendeeEmails;
import static io.innoleap.scheduler.notifications.MailFixtures.event;
import static io.innoleap.scheduler.notifications.MailFixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The clinic's mails as the templates render them (views/clinics). */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicMailsTest implements TestPropertyProvider {
    private static final String WHEN = "Thu 14 Jan 2027, 09:30-10:30 (Asia/Singapore, GMT+8)";

    @Inject
    ClinicMails mails;

    @Override
    public Map<String, String> getProperties() {
        return ClinicMailFixtures.properties("sched-clinic-mails");
    }

    private List<MailContent> everyMail(ClinicMailView clinic) {
        return List.of(mails.confirmationRequest(clinic, TOKEN, ISSUED), mails.confirmed(clinic, ISSUED), mails.declined(clinic),
                mails.expired(clinic));
    }

    @Test
    void theConfirmationRequestLinksToTheConfiguredPublicBaseUrl() {
        MailContent mail = mails.confirmationRequest(clinic("Predicting bus bunching"), TOKEN, ISSUED.plusSeconds(72 * 3600));
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
    void theTextPartReadsAsItAlwaysDid() {
        MailContent mail = mails.confirmationRequest(clinic("Predicting bus bunching"), TOKEN, ISSUED.plusSeconds(72 * 3600));

        assertThat(mail.text()).isEqualTo("""
                Hello Ann Lee,

                Land Transport Authority (LTA) has asked for a clinic in your slot.

                Problem statement: Predicting bus bunching
                Agency: Land Transport Authority (LTA)
                When: %s
                Where: Room 3-01, Innovation Hub
                Coordinator: Ann Lee <ann@innoleap.example>
                Linked companies: Aurora Robotics Pte Ltd, Beacon Labs, Citrine AI

                Open this link to confirm or decline:
                https://match.innoleap.example/clinics/confirmations/%s

                The link works once and expires Thu 26 Nov 2026, 10:00 (Asia/Singapore, GMT+8). Until you answer, the slot is held for this clinic.

                -- InnoLeap
                """.formatted(WHEN, TOKEN));
    }

    @Test
    void onlyRealTokensBecomeLinks() {
        for (String bad : new String[] {"../../admin", "", TOKEN + "?x=1", TOKEN.substring(1)}) {
            assertThatThrownBy(() -> mails.confirmationUrl(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void userTextIsEscapedInEveryHtmlPartAndCannotBreakTheSubjectLine() {
        for (MailContent mail : everyMail(clinic(HOSTILE))) {
            assertThat(mail.html()).as(mail.subject()).doesNotContain("<script>").contains(HOSTILE_ESCAPED);
            assertThat(mail.subject()).doesNotContain("\r", "\n").contains("'bunching' Bcc: victim@evil.example");
        }
        // The text part is plain text: shown, not interpreted.
        assertThat(mails.confirmationRequest(clinic(HOSTILE), TOKEN, ISSUED).text()).contains("Bus <script>");
    }

    @Test
    void namesAreEscapedInEveryHtmlPart() {
        String script = "<script>alert(1)</script>";
        ClinicMailView clinic = clinic("Bus bunching", "Ann " + script, "Tan " + script, "Aurora " + script);
        for (MailContent mail : everyMail(clinic)) {
            assertThat(mail.html()).as(mail.subject()).doesNotContain("<script>");
        }
        // The coordinator and the companies are shown (the agency contact is only a recipient).
        for (MailContent mail : List.of(mails.confirmationRequest(clinic, TOKEN, ISSUED), mails.confirmed(clinic, ISSUED),
                mails.declined(clinic))) {
            assertThat(mail.html()).contains("Ann &lt;script&gt;alert(1)&lt;/script&gt;", "Aurora &lt;script&gt;alert(1)&lt;/script&gt;");
        }
    }

    @Test
    void aNameCannotAddALineToTheInvitation() throws Exception {
        String hostile = "Officer\r\nLOCATION:https://evil.example/phish";
        MailContent mail = mails.confirmed(clinic("Bus\rLOCATION:https://evil.example/title", hostile, hostile, "Aurora"), ISSUED);
        String ics = mail.attachments().get(0).contentAsUtf8();

        assertThat(lines(ics)).noneMatch(l -> l.startsWith("LOCATION:https://evil.example"))
                .filteredOn(l -> l.startsWith("LOCATION")).containsExactly("LOCATION:Room 3-01\\, Innovation Hub");
        VEvent event = event(ics);
        assertThat(event.getProperties("LOCATION")).hasSize(1);
        assertThat(event.getProperty("ORGANIZER").orElseThrow().getParameter("CN").map(Parameter::getValue))
                .contains("Officer LOCATION:https://evil.example/phish");
        assertThat(event.<Attendee>getProperties("ATTENDEE").get(0).getParameter("CN").map(Parameter::getValue))
                .contains("Officer LOCATION:https://evil.example/phish");
        assertThat(lines(ics)).filteredOn(l -> l.startsWith("ORGANIZER"))
                .singleElement().asString().startsWith("ORGANIZER;CN=\"Officer LOCATION:https://evil.example/phish\":");
    }

    @Test
    void theConfirmedMailCarriesAnInvitationFromTheCoordinatorToAgencyAndCompanies() throws Exception {
        MailContent mail = mails.confirmed(clinic("Predicting bus bunching"), ISSUED);

        assertThat(mail.subject()).isEqualTo("Clinic confirmed: \"Predicting bus bunching\", " + WHEN);
        assertThat(mail.text()).contains(WHEN, "Ann Lee <ann@innoleap.example>", "Aurora Robotics Pte Ltd");
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("clinic-" + CLINIC_ID + ".ics");
            assertThat(a.contentType()).isEqualTo("text/calendar; charset=UTF-8; method=REQUEST");
        });
        String ics = mail.attachments().get(0).contentAsUtf8();
        VEvent event = event(ics);
        assertThat(event.getProperty("UID").orElseThrow().getValue()).isEqualTo("clinic-" + CLINIC_ID + "@match.innoleap.example");
        assertThat(event.getProperty("DTSTART").orElseThrow().getValue()).isEqualTo("20270114T093000");
        assertThat(event.getProperty("DTSTART").orElseThrow().getParameter("TZID").orElseThrow().getValue())
                .isEqualTo("Asia/Singapore");
        assertThat(event.getProperty("DTEND").orElseThrow().getValue()).isEqualTo("20270114T103000");
        assertThat(event.getProperty("ORGANIZER").orElseThrow().getValue()).isEqualToIgnoringCase("mailto:ann@innoleap.example");
        assertThat(event.getProperty("LOCATION").orElseThrow().getValue()).isEqualTo("Room 3-01, Innovation Hub");
        assertThat(event.getProperty("SUMMARY").orElseThrow().getValue()).isEqualTo("InnoLeap clinic: Predicting bus bunching");
        assertThat(event.getProperty("DESCRIPTION").orElseThrow().getValue()).contains(WHEN, "Citrine AI");
        // Citrine has no contact; Beacon's contact is the agency contact's address again.
        assertThat(attendeeEmails(ics)).containsExactly("tan_wei_ling@lta.gov.sg", "priya@aurora.example");
        assertThat(clinic("x").confirmedRecipients()).extracting(Contact::email)
                .containsExactly("tan_wei_ling@lta.gov.sg", "priya@aurora.example");
        // Re-rendering (e.g. a retried send) yields the same calendar event.
        assertThat(mails.confirmed(clinic("Predicting bus bunching"), ISSUED).attachments().get(0).contentAsUtf8()).isEqualTo(ics);
    }

    @Test
    void theDeclinedMailTellsTheAgencyTheSlotWasReleased() {
        MailContent mail = mails.declined(clinic("Predicting bus bunching"));

        assertThat(mail.subject()).startsWith("Clinic not confirmed").contains(WHEN);
        assertThat(mail.text()).contains("released", "another available slot", WHEN, "Predicting bus bunching");
        assertThat(mail.html()).contains("released");
        assertThat(mail.attachments()).isEmpty();
    }

    @Test
    void theExpiredMailTellsTheAgencyInBothParts() {
        MailContent mail = mails.expired(clinic("Predicting bus bunching"));

        assertThat(mail.subject()).isEqualTo("Clinic request expired: Predicting bus bunching");
        assertThat(mail.text()).isEqualTo("The clinic requested for \"Predicting bus bunching\" (" + WHEN + ") was not confirmed"
                + " by the coordinator in time, so its slot has been released.\nYou can request a clinic in another available slot.\n");
        assertThat(mail.html()).contains("<strong>Predicting bus bunching</strong>", "another available slot");
        assertThat(mail.attachments()).isEmpty();
    }
}
