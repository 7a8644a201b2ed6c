package io.innoleap.scheduler.clinics;

import io.innoleap.contracts.events.Agency;
import io.innoleap.contracts.events.Contact;
import io.innoleap.scheduler.clinics.domain.Coordinator;
import io.innoleap.scheduler.notifications.MailFixtures;
import io.innoleap.testkit.ServiceTestProperties;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A clinic as its mails and pages show it, and the settings of the contexts that render them. */
public final class ClinicMailFixtures {
    public static final UUID CLINIC_ID = UUID.fromString("4b0f3c39-5f3e-4e3c-9a57-0f6d0d1f6c11");
    // A syntactically valid token (43 URL-safe base64 characters).
    public static final String TOKEN = "q7Zx3Jm1L0b_9Kc-8YwRtU2vN5sP4eHaD6gF0iQyXoA";

    private ClinicMailFixtures() {
    }

    /** A rendering context: the templates need the application context, not a server. */
    public static Map<String, String> properties(String service) {
        return ServiceTestProperties.forService(service)
                .with("innoleap.scheduler.public-base-url", MailFixtures.PUBLIC_BASE_URL).build();
    }

    public static ClinicMailView clinic(String problemTitle) {
        return clinic(problemTitle, "Ann Lee", "Tan Wei Ling", "Aurora Robotics Pte Ltd");
    }

    /** {@code names} user text may carry: the coordinator's, the agency contact's and the first company's. */
    public static ClinicMailView clinic(String problemTitle, String coordinatorName, String contactName, String companyName) {
        return new ClinicMailView(CLINIC_ID, problemTitle, new Agency("LTA", "Land Transport Authority", "transport"),
                new Contact(contactName, "tan_wei_ling@lta.gov.sg"), new Coordinator(coordinatorName, "ann@innoleap.example"),
                MailFixtures.STARTS, MailFixtures.ENDS, "Room 3-01, Innovation Hub",
                List.of(new ClinicMailView.LinkedCompany(companyName, new Contact("Priya Nair", "priya@aurora.example")),
                        new ClinicMailView.LinkedCompany("Beacon Labs", new Contact("Wei", "TAN_WEI_LING@lta.gov.sg")),
                        new ClinicMailView.LinkedCompany("Citrine AI", null)));
    }
}
