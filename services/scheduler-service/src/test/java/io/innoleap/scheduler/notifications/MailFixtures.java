package io.innoleap.scheduler.notifications;

import io.innoleap.contracts.events.Contact;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Times and settings shared by the mail and calendar tests; the mail tests' context uses the same base URL. */
public final class MailFixtures {
    public static final ZoneId SGT = ZoneId.of("Asia/Singapore");
    public static final String PUBLIC_BASE_URL = "https://match.innoleap.example/";
    public static final MailSettings SETTINGS = new MailSettings(PUBLIC_BASE_URL, SGT, "InnoLeap",
            new Contact("InnoLeap Programme Office", "programme@innoleap.example"));
    public static final Instant STARTS = Instant.parse("2027-01-14T01:30:00Z"); // Thu 09:30 in Singapore
    public static final Instant ENDS = Instant.parse("2027-01-14T02:30:00Z");
    public static final Instant ISSUED = Instant.parse("2026-11-23T02:00:00Z");
    /** What a person could type as a name or title to try to break out of HTML, a header or an .ics line. */
    public static final String HOSTILE = "Bus <script>alert(\"x\")</script> & 'bunching'\r\nBcc: victim@evil.example";
    public static final String HOSTILE_ESCAPED = "Bus &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;bunching&#39;";

    private MailFixtures() {
    }

    public static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    public static VEvent event(String ics) throws Exception {
        return parse(ics).<VEvent>getComponents("VEVENT").get(0);
    }

    public static List<String> attendeeEmails(String ics) throws Exception {
        return event(ics).<Attendee>getProperties("ATTENDEE").stream().map(a -> a.getCalAddress().getSchemeSpecificPart()).toList();
    }

    /** The .ics split into lines as a lenient reader would (CRLF, CR or LF), unfolded. */
    public static List<String> lines(String ics) {
        return List.of(ics.replace("\r\n ", "").split("\r\n|\r|\n"));
    }
}
