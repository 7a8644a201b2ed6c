package io.innoleap.scheduler.programme;

import io.innoleap.scheduler.notifications.MailFixtures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ProgrammeTimeTest {

    @Test
    void showsTheRangeInTheProgrammeZoneAndNamesTheZone() {
        assertThat(new ProgrammeTime(MailFixtures.SGT).range(MailFixtures.STARTS, MailFixtures.ENDS))
                .isEqualTo("Thu 14 Jan 2027, 09:30-10:30 (Asia/Singapore, GMT+8)");
    }

    @Test
    void aRangeOverMidnightNamesBothDays() {
        assertThat(new ProgrammeTime(MailFixtures.SGT).range(Instant.parse("2027-01-14T15:30:00Z"), Instant.parse("2027-01-14T16:30:00Z")))
                .isEqualTo("Thu 14 Jan 2027, 23:30 - Fri 15 Jan 2027, 00:30 (Asia/Singapore, GMT+8)");
    }

    @Test
    void offsetsWithMinutesNegativeOffsetsSummerTimeAndUtcAreNamedCorrectly() {
        Instant winter = Instant.parse("2027-01-14T15:00:00Z");
        Instant summer = Instant.parse("2027-07-14T15:00:00Z");
        assertThat(new ProgrammeTime(ZoneId.of("Asia/Kolkata")).zoneLabel(winter)).isEqualTo("Asia/Kolkata, GMT+5:30");
        assertThat(new ProgrammeTime(ZoneId.of("America/New_York")).zoneLabel(winter)).isEqualTo("America/New_York, GMT-5");
        assertThat(new ProgrammeTime(ZoneId.of("America/New_York")).zoneLabel(summer)).isEqualTo("America/New_York, GMT-4");
        assertThat(new ProgrammeTime(ZoneId.of("UTC")).instant(winter)).isEqualTo("Thu 14 Jan 2027, 15:00 (UTC, GMT)");
    }
}
