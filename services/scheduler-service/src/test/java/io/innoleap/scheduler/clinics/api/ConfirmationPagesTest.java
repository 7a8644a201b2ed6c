package io.innoleap.scheduler.clinics.api;

import io.innoleap.scheduler.clinics.ClinicMailFixtures;
import io.innoleap.scheduler.clinics.ClinicMailView;
import io.innoleap.scheduler.clinics.domain.TokenStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.innoleap.scheduler.clinics.ClinicMailFixtures.TOKEN;
import static io.innoleap.scheduler.clinics.ClinicMailFixtures.clinic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The confirmation link's pages as the templates render them (views/clinics/page-*). */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfirmationPagesTest implements TestPropertyProvider {

    @Inject
    ConfirmationPages pages;

    @Override
    public Map<String, String> getProperties() {
        return ClinicMailFixtures.properties("sched-confirmation-pages");
    }

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
    void clinicDataIsEscapedOnEveryPage() {
        String script = "<script>alert(1)</script>";
        ClinicMailView clinic = clinic("<img src=x onerror=alert(1)>", "Ann " + script, "Tan", "Aurora " + script);
        for (PageContent page : List.of(pages.form(clinic, TOKEN), pages.confirmed(clinic), pages.declined(clinic))) {
            assertThat(page.html()).as(page.title()).doesNotContain("<img", "<script")
                    .contains("&lt;img src=x onerror=alert(1)&gt;", "Ann &lt;script&gt;alert(1)&lt;/script&gt;",
                            "Aurora &lt;script&gt;alert(1)&lt;/script&gt;");
        }
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
        assertThat(expired.html()).contains("expired", "InnoLeap programme office");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.html()).contains("not valid").doesNotContain("<form");
        assertThatThrownBy(() -> pages.unusable(TokenStatus.VALID)).isInstanceOf(IllegalArgumentException.class);
    }
}
