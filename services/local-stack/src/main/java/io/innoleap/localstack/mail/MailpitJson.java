package io.innoleap.localstack.mail;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.UpperCamelCaseStrategy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The JSON of Mailpit's API v1 that the catcher answers with, field for field as Mailpit's
 * {@code MessagesSummary}, {@code MessageSummary}, {@code Message} and {@code Attachment}: names in
 * Mailpit's UpperCamelCase (acronyms such as {@code ID} and {@code HTML} spelt out), in Mailpit's
 * order. Every field is always written, empty or not, as Mailpit does.
 */
final class MailpitJson {

    private MailpitJson() {
    }

    /** Go's {@code mail.Address}: {@code Name} is "" when the mail gives no display name. */
    @Serdeable(naming = UpperCamelCaseStrategy.class)
    record Address(String name, String address) {

        static final Address NONE = new Address("", "");

        /** "Name <address>", or just the address. */
        String line() {
            return name.isEmpty() ? address : name + " <" + address + ">";
        }
    }

    @Serdeable
    record MessagesPage(int total, int unread, int count,
                        @JsonProperty("messages_count") int messagesCount,
                        @JsonProperty("messages_unread") int messagesUnread,
                        int start, List<String> tags, List<MessageSummary> messages) {

        static MessagesPage of(List<MessageSummary> page, int start, int total, int unread) {
            // count is a legacy field Mailpit still sends: the size of this page.
            return new MessagesPage(total, unread, page.size(), total, unread, start, List.of(), page);
        }
    }

    @Serdeable(naming = UpperCamelCaseStrategy.class)
    record MessageSummary(@JsonProperty("ID") String id, @JsonProperty("MessageID") String messageId, boolean read,
                          Address from, List<Address> to, List<Address> cc, List<Address> bcc, List<Address> replyTo,
                          String subject, Instant created, String username, List<String> tags, long size,
                          int attachments, String snippet) {
    }

    /** Mailpit's {@code Message}, plus {@code Created} (Mailpit's detail has {@code Date} only, which is here too). */
    @Serdeable(naming = UpperCamelCaseStrategy.class)
    record Message(@JsonProperty("ID") String id, @JsonProperty("MessageID") String messageId, Address from,
                   List<Address> to, List<Address> cc, List<Address> bcc, List<Address> replyTo, String returnPath,
                   String subject, ListUnsubscribe listUnsubscribe, Instant date, Instant created, List<String> tags,
                   String username, String text, @JsonProperty("HTML") String html, long size, List<Attachment> inline,
                   List<Attachment> attachments) {
    }

    /** Not read from the mail (the services send no List-Unsubscribe); present because Mailpit always sends it. */
    @Serdeable(naming = UpperCamelCaseStrategy.class)
    record ListUnsubscribe(String header, List<String> links, String errors, String headerPost) {
        static final ListUnsubscribe NONE = new ListUnsubscribe("", List.of(), "", "");
    }

    /** An attachment or inline part; {@code PartID} is its place in the MIME tree ("2", "1.2"). */
    @Serdeable(naming = UpperCamelCaseStrategy.class)
    record Attachment(@JsonProperty("PartID") String partId, String fileName, String contentType,
                      @JsonProperty("ContentID") String contentId, long size, Checksums checksums) {
    }

    @Serdeable
    record Checksums(@JsonProperty("MD5") String md5, @JsonProperty("SHA1") String sha1,
                     @JsonProperty("SHA256") String sha256) {

        static Checksums of(byte[] bytes) {
            return new Checksums(hex("MD5", bytes), hex("SHA-1", bytes), hex("SHA-256", bytes));
        }

        private static String hex(String algorithm, byte[] bytes) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(algorithm + " is required of every JDK", e);
            }
        }
    }

    /** Body of {@code DELETE /api/v1/messages}: those IDs, or every message when absent or empty. */
    @Serdeable
    record DeleteRequest(@JsonProperty("IDs") @Nullable List<String> ids) {
    }

    @Serdeable(naming = UpperCamelCaseStrategy.class)
    record ApiError(String error) {
    }
}
