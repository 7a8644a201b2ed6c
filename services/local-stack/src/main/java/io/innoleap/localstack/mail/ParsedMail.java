package io.innoleap.localstack.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * One raw message parsed the way Mailpit presents it: the first non-attachment text/plain and
 * text/html parts are the bodies; every other leaf part is an attachment (or an inline part when
 * it has a Content-ID and is not marked as an attachment). Part IDs are the part's position in the
 * MIME tree, 1-based and dotted ("2", "1.2"), so they can be looked up again for downloads.
 */
final class ParsedMail {

    /** Not the JVM-wide default session: that one is guarded (see BUILD-NOTES, Mail). */
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final int SNIPPET_LENGTH = 250;

    record MailAddress(String name, String address) {
    }

    record PartInfo(String partId, String fileName, String contentType, String contentId, long size,
                    Map<String, String> checksums) {
    }

    record PartContent(PartInfo info, String contentTypeHeader, byte[] bytes) {
    }

    private final MimeMessage message;
    private final Map<String, Part> leaves = new LinkedHashMap<>();
    private final List<PartInfo> inline = new ArrayList<>();
    private final List<PartInfo> attachments = new ArrayList<>();
    private final Map<String, PartInfo> infoById = new LinkedHashMap<>();
    private String text;
    private String html;

    private ParsedMail(MimeMessage message) {
        this.message = message;
    }

    static ParsedMail parse(byte[] raw) throws MessagingException, IOException {
        ParsedMail mail = new ParsedMail(new MimeMessage(SESSION, new ByteArrayInputStream(raw)));
        mail.walk(mail.message, "");
        return mail;
    }

    String messageId() {
        return stripAngles(header("Message-ID"));
    }

    MailAddress from() {
        List<MailAddress> from = addresses("From");
        return from.isEmpty() ? new MailAddress("", "") : from.get(0);
    }

    List<MailAddress> addresses(String headerName) {
        String value = header(headerName);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<MailAddress> result = new ArrayList<>();
        try {
            for (Address a : InternetAddress.parseHeader(value, false)) {
                if (a instanceof InternetAddress ia) {
                    result.add(new MailAddress(ia.getPersonal() == null ? "" : ia.getPersonal(),
                            ia.getAddress() == null ? "" : ia.getAddress()));
                }
            }
        } catch (MessagingException e) {
            // A malformed header still tells a person something: show it as it was sent.
            result.add(new MailAddress("", decode(value)));
        }
        return result;
    }

    String returnPath() {
        String value = stripAngles(header("Return-Path"));
        return value == null ? "" : value;
    }

    String subject() {
        try {
            String subject = message.getSubject();
            return subject == null ? "" : subject;
        } catch (MessagingException e) {
            return decode(header("Subject"));
        }
    }

    /** The Date header, if present and readable. */
    Optional<Instant> date() {
        try {
            Date sent = message.getSentDate();
            return Optional.ofNullable(sent).map(Date::toInstant);
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    /** The text body; derived from the HTML body when the message has none (as Mailpit does). */
    String text() {
        if (text != null) {
            return text;
        }
        return html == null ? "" : htmlToText(html);
    }

    String html() {
        return html == null ? "" : html;
    }

    String snippet() {
        String collapsed = text().replaceAll("\\s+", " ").trim();
        return collapsed.length() <= SNIPPET_LENGTH ? collapsed : collapsed.substring(0, SNIPPET_LENGTH);
    }

    List<PartInfo> inline() {
        return List.copyOf(inline);
    }

    List<PartInfo> attachments() {
        return List.copyOf(attachments);
    }

    /** The decoded bytes of an inline part or attachment. */
    Optional<PartContent> part(String partId) throws MessagingException, IOException {
        PartInfo info = infoById.get(partId);
        if (info == null) {
            return Optional.empty();
        }
        Part part = leaves.get(partId);
        try (InputStream in = part.getInputStream()) {
            return Optional.of(new PartContent(info, part.getContentType(), in.readAllBytes()));
        }
    }

    private void walk(Part part, String id) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Object content;
            try {
                content = part.getContent();
            } catch (MessagingException | IOException e) {
                content = null; // a broken multipart is shown as a leaf rather than lost
            }
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    walk(multipart.getBodyPart(i), id.isEmpty() ? String.valueOf(i + 1) : id + "." + (i + 1));
                }
                return;
            }
        }
        leaf(part, id.isEmpty() ? "1" : id);
    }

    private void leaf(Part part, String id) throws MessagingException, IOException {
        String disposition = safeDisposition(part);
        String fileName = safeFileName(part);
        String mediaType = mediaType(part.getContentType());
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition)
                || (fileName != null && !Part.INLINE.equalsIgnoreCase(disposition));
        if (!attachment && mediaType.equals("text/plain")) {
            String body = readText(part);
            text = text == null ? body : text + "\n\n" + body;
            return;
        }
        if (!attachment && mediaType.equals("text/html") && html == null) {
            html = readText(part);
            return;
        }
        String contentId = stripAngles(firstHeader(part, "Content-ID"));
        byte[] bytes = decodedBytes(part);
        PartInfo info = new PartInfo(id, fileName == null ? "" : fileName, mediaType,
                contentId == null ? "" : contentId, bytes.length, checksums(bytes));
        leaves.put(id, part);
        infoById.put(id, info);
        if (!attachment && contentId != null) {
            inline.add(info);
        } else {
            attachments.add(info);
        }
    }

    private static String readText(Part part) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s.replace("\r\n", "\n");
            }
        } catch (IOException e) {
            // unknown charset: fall through and read the bytes as UTF-8
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
    }

    private static byte[] decodedBytes(Part part) {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException | MessagingException e) {
            return new byte[0];
        }
    }

    /** Mailpit's attachment checksums: MD5, SHA1 and SHA256 as lower-case hex. */
    private static Map<String, String> checksums(byte[] bytes) {
        Map<String, String> sums = new LinkedHashMap<>();
        sums.put("MD5", hex("MD5", bytes));
        sums.put("SHA1", hex("SHA-1", bytes));
        sums.put("SHA256", hex("SHA-256", bytes));
        return sums;
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JDK", e);
        }
    }

    private static String safeDisposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String safeFileName(Part part) {
        try {
            return part.getFileName();
        } catch (MessagingException e) {
            return null;
        }
    }

    static String mediaType(String contentTypeHeader) {
        if (contentTypeHeader == null) {
            return "text/plain";
        }
        try {
            return new ContentType(contentTypeHeader).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            int semicolon = contentTypeHeader.indexOf(';');
            String base = semicolon < 0 ? contentTypeHeader : contentTypeHeader.substring(0, semicolon);
            return base.trim().toLowerCase(Locale.ROOT);
        }
    }

    private String header(String name) {
        return firstHeader(message, name);
    }

    private static String firstHeader(Part part, String name) {
        try {
            String[] values = part.getHeader(name);
            return values == null || values.length == 0 ? null : values[0];
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String stripAngles(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.startsWith("<") && v.endsWith(">")) {
            v = v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static String decode(String value) {
        if (value == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (IOException e) {
            return value;
        }
    }

    private static final Pattern DROPPED_BLOCKS =
            Pattern.compile("(?is)<(script|style|head|title)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern LINE_BREAKS =
            Pattern.compile("(?i)<br\\s*/?>|</(p|div|tr|li|h[1-6]|table|blockquote)\\s*>");
    private static final Pattern TAGS = Pattern.compile("(?s)<[^>]*>");

    /** A readable plain-text rendering of an HTML body, for messages without a text part. */
    static String htmlToText(String html) {
        String s = DROPPED_BLOCKS.matcher(html).replaceAll(" ");
        s = LINE_BREAKS.matcher(s).replaceAll("\n");
        s = TAGS.matcher(s).replaceAll(" ");
        s = s.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\n")) {
            String collapsed = line.replaceAll("[ \\t\\x0B\\f\\r]+", " ").trim();
            if (!collapsed.isEmpty()) {
                out.append(collapsed).append('\n');
            }
        }
        return out.toString().trim();
    }
}
