package io.innoleap.localstack.mail;

import io.innoleap.localstack.mail.MailpitJson.Address;
import io.innoleap.localstack.mail.MailpitJson.Attachment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading raw messages as other mailers write them (not only as jakarta.mail does in the SMTP
 * tests): transfer encodings, charsets, encoded words, RFC 2231 file names, inline parts, and HTML
 * without a text part.
 */
class ParsedMailTest {

    private static ParsedMail parse(String... lines) throws Exception {
        return ParsedMail.parse(String.join("\r\n", lines).getBytes(StandardCharsets.US_ASCII));
    }

    private static String b64(String s) {
        return Base64.getMimeEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesQuotedPrintableAndBase64BodiesInTheirCharsets() throws Exception {
        ParsedMail mail = parse(
                "From: scheduler@innoleap.test",
                "To: agency@pub.gov.test",
                "Subject: Bodies",
                "MIME-Version: 1.0",
                "Content-Type: multipart/alternative; boundary=\"b1\"",
                "",
                "--b1",
                "Content-Type: text/plain; charset=ISO-8859-1",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                "Caf=E9 au lait =E0 10:00 at http://localhost:8084/clinics/confirmations/abc=",
                "def?x=3D1",
                "--b1",
                "Content-Type: text/html; charset=UTF-8",
                "Content-Transfer-Encoding: base64",
                "",
                b64("<p>Gr\u00fc\u00dfe, <a href=\"http://localhost:8084/x\">Termin</a> \u2013 30 \u20ac</p>"),
                "--b1--",
                "");

        // A soft line break (=) joins the link again; the line break before a boundary belongs to the boundary.
        assertThat(mail.text()).isEqualTo("Caf\u00e9 au lait \u00e0 10:00 at http://localhost:8084/clinics/confirmations/abcdef?x=1");
        assertThat(mail.html()).isEqualTo("<p>Gr\u00fc\u00dfe, <a href=\"http://localhost:8084/x\">Termin</a> \u2013 30 \u20ac</p>");
        assertThat(mail.attachments()).isEmpty();
        assertThat(mail.snippet()).startsWith("Caf\u00e9 au lait").doesNotContain("\n");
    }

    @Test
    void decodesNonAsciiSubjectsNamesAndFileNames() throws Exception {
        ParsedMail mail = parse(
                "From: =?UTF-8?B?" + b64("Zo\u00eb Ng (\u6797)").trim() + "?= <zoe@innoleap.test>",
                "To: =?ISO-8859-1?Q?Ren=E9_Tan?= <rene@pub.gov.test>, \"Ong, Wei Ling\" <wl@nus.test>",
                "Cc: Reviewers: a@pub.gov.test, b@pub.gov.test;",
                "Subject: =?UTF-8?Q?Atelier_=E2=80=93_r=C3=A9union?= =?UTF-8?B?" + b64(" \u7814\u8ba8\u4f1a").trim() + "?=",
                "Message-ID: <m-1@innoleap.test>",
                "Date: Thu, 03 Dec 2026 10:00:00 +0800",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"b1\"",
                "",
                "--b1",
                "Content-Type: text/plain; charset=UTF-8",
                "",
                "See the invitation.",
                "--b1",
                "Content-Type: text/calendar; charset=UTF-8; method=REQUEST;",
                " name*=UTF-8''r%C3%A9union%20%E2%80%93%201.ics",
                "Content-Disposition: attachment; filename*=UTF-8''r%C3%A9union%20%E2%80%93%201.ics",
                "",
                "BEGIN:VCALENDAR",
                "END:VCALENDAR",
                "--b1--",
                "");

        assertThat(mail.subject()).isEqualTo("Atelier \u2013 r\u00e9union \u7814\u8ba8\u4f1a");
        assertThat(mail.from()).isEqualTo(new Address("Zo\u00eb Ng (\u6797)", "zoe@innoleap.test"));
        assertThat(mail.to()).containsExactly(new Address("Ren\u00e9 Tan", "rene@pub.gov.test"),
                new Address("Ong, Wei Ling", "wl@nus.test"));
        // A group lists its members.
        assertThat(mail.cc()).extracting(Address::address).containsExactly("a@pub.gov.test", "b@pub.gov.test");
        assertThat(mail.messageId()).isEqualTo("m-1@innoleap.test");
        assertThat(mail.date()).contains(Instant.parse("2026-12-03T02:00:00Z"));
        assertThat(mail.attachments()).extracting(Attachment::fileName).containsExactly("r\u00e9union \u2013 1.ics");
    }

    @Test
    void anIcsInvitationIsAnAttachmentWithItsDecodedBytesAndContentType() throws Exception {
        String ics = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:clinic-7@innoleap.test\r\n"
                + "SUMMARY:Clinic \u2013 Smart water\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        ParsedMail mail = parse(
                "From: scheduler@innoleap.test",
                "To: coordinator@innoleap.test",
                "Subject: Clinic confirmed",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"outer\"",
                "",
                "--outer",
                "Content-Type: multipart/related; boundary=\"inner\"",
                "",
                "--inner",
                "Content-Type: text/html; charset=UTF-8",
                "",
                "<p>Confirmed.</p><img src=\"cid:logo@innoleap\">",
                "--inner",
                "Content-Type: image/png",
                "Content-ID: <logo@innoleap>",
                "Content-Transfer-Encoding: base64",
                "",
                "iVBORw0KGgo=",
                "--inner--",
                "--outer",
                "Content-Type: text/calendar; charset=UTF-8; method=REQUEST",
                "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment; filename=\"clinic.ics\"",
                "",
                b64(ics),
                "--outer--",
                "");

        byte[] icsBytes = ics.getBytes(StandardCharsets.UTF_8);
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.partId()).isEqualTo("2");
            assertThat(a.fileName()).isEqualTo("clinic.ics");
            assertThat(a.contentType()).isEqualTo("text/calendar");
            assertThat(a.size()).isEqualTo(icsBytes.length);
            assertThat(a.checksums().sha256()).isEqualTo(sha256(icsBytes));
        });
        assertThat(mail.part("2")).get().satisfies(p -> {
            assertThat(p.bytes()).isEqualTo(icsBytes);
            assertThat(p.contentTypeHeader()).isEqualTo("text/calendar; charset=UTF-8; method=REQUEST");
        });
        // The logo is inline (it has a Content-ID and is not marked as an attachment).
        assertThat(mail.inline()).singleElement().satisfies(i -> {
            assertThat(i.partId()).isEqualTo("1.2");
            assertThat(i.contentId()).isEqualTo("logo@innoleap");
            assertThat(i.contentType()).isEqualTo("image/png");
        });
        assertThat(mail.part("1.2")).get().extracting(ParsedMail.PartContent::bytes)
                .isEqualTo(Base64.getDecoder().decode("iVBORw0KGgo="));
        assertThat(mail.part("1.1")).as("a body part is not an attachment").isEmpty();
        assertThat(mail.text()).as("derived from the HTML: there is no text part").isEqualTo("Confirmed.");
    }

    @Test
    void theTextOfAnHtmlOnlyMailHasOneLinePerBlockLinkAddressesAndNoScriptOrStyle() {
        String html = "<!DOCTYPE html><html><head><title>Workshop</title><style>td{color:red}</style></head><body>"
                + "<h1>Thematic   workshop</h1>\n<p>Water&nbsp;&amp; sustainability,<br>3&nbsp;December<br/>"
                + "<a href=\"http://localhost:8084/w/1\">details</a></p>"
                + "<script>document.write('no')</script>"
                + "<ul><li>LTA</li><li><b>NEA</b> (2 statements)</li></ul>"
                + "<table><tr><td>09:30</td><td>Opening</td></tr><tr><td>10:00</td><td>Pitches</td></tr></table>"
                + "<div>Caf&eacute; &lt;3 &#8211; <span>see</span><span>you</span></div></body></html>";

        assertThat(ParsedMail.htmlToText(html)).isEqualTo(String.join("\n",
                "Thematic workshop",
                "Water & sustainability,",
                "3 December",
                "details (http://localhost:8084/w/1)",
                "LTA",
                "NEA (2 statements)",
                "09:30 Opening",
                "10:00 Pitches",
                "Caf\u00e9 <3 \u2013 seeyou"));
    }

    @Test
    void aMessageWithoutHeadersOrBodyIsStillReadable() throws Exception {
        ParsedMail empty = ParsedMail.parse(new byte[0]);

        assertThat(empty.subject()).isEmpty();
        assertThat(empty.from()).isEqualTo(Address.NONE);
        assertThat(empty.to()).isEmpty();
        assertThat(empty.text()).isEmpty();
        assertThat(empty.html()).isEmpty();
        assertThat(empty.date()).isEmpty();
        assertThat(empty.messageId()).isEmpty();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
