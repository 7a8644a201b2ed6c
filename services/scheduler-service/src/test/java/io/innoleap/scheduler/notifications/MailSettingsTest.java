package io.innoleap.scheduler.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innoleap.contracts.events.Contact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailSettingsTest {
    private static final Contact OFFICE = new Contact("Office", "office@innoleap.example");

    @Test
    void aTrailingSlashIsDroppedAndAPathPrefixKept() {
        assertThat(new MailSettings("https://match.innoleap.example/", MailFixtures.SGT, null, OFFICE).publicBaseUrl())
                .isEqualTo("https://match.innoleap.example");
        MailSettings prefixed = new MailSettings("https://gw.example/scheduler//", MailFixtures.SGT, null, OFFICE);
        assertThat(prefixed.publicBaseUrl()).isEqualTo("https://gw.example/scheduler");
        assertThat(prefixed.uidDomain()).isEqualTo("gw.example");
        assertThat(prefixed.programmeName()).isEqualTo("InnoLeap");
    }

    @ParameterizedTest
    @ValueSource(strings = {"match.innoleap.example", "/clinics", "javascript:alert(1)", "ftp://x.example",
            "https://x.example/?next=evil", "https://x.example/#frag", "https://user:pw@x.example", "https://exa mple.com"})
    void unsafeOrRelativeBaseUrlsAreRefusedAtStartup(String url) {
        assertThatThrownBy(() -> new MailSettings(url, MailFixtures.SGT, null, OFFICE)).isInstanceOf(IllegalArgumentException.class);
    }
}
