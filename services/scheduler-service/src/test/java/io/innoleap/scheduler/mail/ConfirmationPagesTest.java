package io.innoleap.scheduler.mail;

import static io.innoleap.scheduler.mail.MailFixtures.SETTINGS;
import static io.innoleap.scheduler.mail.MailFixtures.TOKEN;
import static io.innoleap.scheduler.mail.MailFixtures.clinic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innoleap.scheduler.domain.TokenStatus;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConfirmationPagesTest {
    private final ConfirmationPages pages = new ConfirmationPages(SETTINGS);

    @Test
    void theFormShowsTheClinicAndPostsTheDecisionToTheSamePath() {
        PageContent page = pages.form(clinic("Predicting bus bunching"), TOKEN);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html()).contains("Predicting bus bunching", "Land Transport Authority (LTA)", "Ann Lee",
                "Thu 14 Jan 2027, 09:30-10:30 (Asia/Singapore, GMT+8)", "Aurora Robotics Pte Ltd", "Beacon Labs", "Citrine AI");
        Matcher form = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"").matcher(page.html());
        assertThat(form.find()).isTrue();
        assertThat(form.group(1)).isEqualTo("/clinics/confirmations/" + TOKEN);
        assertThat(page.html()).containsOnlyOnce("<form")
                .contains("name=\"decision\" value=\"CONFIRM\"", "name=\"decision\" value=\"DECLINE\"");
    }

    @Test
    void thePageLeaksTheLinkToNoOneAndRunsNoScript() {
        String html = pages.form(clinic("Predicting bus bunching"), TOKEN).html();

        assertThat(html).contains("<meta name=\"referrer\" content=\"no-referrer\">")
                .doesNotContain("<script", "src=", "http://", "https://");
    }

    @Test
    void clinicDataIsEscapedOnThePage() {
        String html = pages.form(clinic("<img src=x onerror=alert(1)>"), TOKEN).html();

        assertThat(html).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThatThrownBy(() -> pages.form(clinic("x"), "\"><script>")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resultPagesSayWhatHappened() {
        assertThat(pages.confirmed(clinic("Bus")).html()).contains("Clinic confirmed", "calendar invitation", "Bus");
        assertThat(pages.declined(clinic("Bus")).html()).contains("Clinic declined", "released");
        assertThat(pages.confirmed(clinic("Bus")).status()).isEqualTo(200);
    }

    @Test
    void unusableLinksGetGoneOrNotFoundWithoutClinicDetails() {
        PageContent used = pages.unusable(TokenStatus.USED);
        PageContent expired = pages.unusable(TokenStatus.EXPIRED);
        PageContent unknown = pages.unusable(TokenStatus.NOT_FOUND);

        assertThat(used.status()).isEqualTo(410);
        assertThat(used.html()).contains("already been used").doesNotContain("<form");
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.html()).contains("expired");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.html()).contains("not valid").doesNotContain("<form");
        assertThatThrownBy(() -> pages.unusable(TokenStatus.VALID)).isInstanceOf(IllegalArgumentException.class);
    }
}
