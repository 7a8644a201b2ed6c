package io.innoleap.localstack.mail;

import io.innoleap.localstack.mail.MailpitJson.Address;
import io.innoleap.localstack.mail.MailpitJson.Attachment;
import io.innoleap.localstack.mail.MailpitJson.Checksums;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.util.MimeUtil;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One raw message (Apache Mime4j) read the way Mailpit presents it: the text/plain parts and the first
 * text/html part that are not attachments are the bodies; every other leaf part is an attachment, or an
 * inline part when it has a Content-ID and is not marked as an attachment. Part IDs are the part's place
 * in the MIME tree, 1-based and dotted ("2", "1.2"), so a download can find it again.
 */
final class ParsedMail {

    private static final int SNIPPET_LENGTH = 250;

    /** The decoded bytes of an attachment or inline part, with its Content-Type header as sent. */
    record PartContent(Attachment info, String contentTypeHeader, byte[] bytes) {
    }

    private final Message message;
    private final Map<String, PartContent> parts = new LinkedHashMap<>();
    private final List<Attachment> inline = new ArrayList<>();
    private final List<Attachment> attachments = new ArrayList<>();
    private String text;
    private String html;

    private ParsedMail(Message message) {
        this.message = message;
    }

    static ParsedMail parse(byte[] raw) throws IOException {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        // Caught mail is shown whatever its flaws: no line-length limits, no errors for bad encodings.
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        ParsedMail mail = new ParsedMail(builder.parseMessage(new ByteArrayInputStream(raw)));
        mail.walk(mail.message, "");
        return mail;
    }

    String messageId() {
        return stripAngles(message.getMessageId());
    }

    Address from() {
        List<Address> from = addresses(message.getFrom());
        return from.isEmpty() ? Address.NONE : from.get(0);
    }

    List<Address> to() {
        return addresses(message.getTo());
    }

    List<Address> cc() {
        return addresses(message.getCc());
    }

    List<Address> bcc() {
        return addresses(message.getBcc());
    }

    List<Address> replyTo() {
        return addresses(message.getReplyTo());
    }

    String returnPath() {
        return stripAngles(header(message, "Return-Path"));
    }

    String subject() {
        return nullToEmpty(message.getSubject());
    }

    /** The Date header, if present and readable. */
    Optional<Instant> date() {
        return Optional.ofNullable(message.getDate()).map(java.util.Date::toInstant);
    }

    /** The text body; derived from the HTML body when the message has none (as Mailpit does). */
    String text() {
        if (text != null) {
            return text;
        }
        return html == null ? "" : htmlToText(html);
    }

    String html() {
        return nullToEmpty(html);
    }

    String snippet() {
        String collapsed = text().replaceAll("\\s+", " ").trim();
        return collapsed.length() <= SNIPPET_LENGTH ? collapsed : collapsed.substring(0, SNIPPET_LENGTH);
    }

    List<Attachment> inline() {
        return List.copyOf(inline);
    }

    List<Attachment> attachments() {
        return List.copyOf(attachments);
    }

    /** An attachment or inline part by its PartID; a body part is not one. */
    Optional<PartContent> part(String partId) {
        return Optional.ofNullable(parts.get(partId));
    }

    private void walk(Entity entity, String id) throws IOException {
        if (entity.getBody() instanceof Multipart multipart) {
            List<Entity> children = multipart.getBodyParts();
            for (int i = 0; i < children.size(); i++) {
                walk(children.get(i), id.isEmpty() ? String.valueOf(i + 1) : id + "." + (i + 1));
            }
        } else {
            leaf(entity, id.isEmpty() ? "1" : id);
        }
    }

    private void leaf(Entity entity, String id) throws IOException {
        String disposition = entity.getDispositionType();
        String fileName = fileName(entity);
        String mediaType = entity.getMimeType();
        boolean attachment = "attachment".equalsIgnoreCase(disposition)
                || (fileName != null && !"inline".equalsIgnoreCase(disposition));
        if (!attachment && entity.getBody() instanceof TextBody body) {
            if (mediaType.equals("text/plain")) {
                text = text == null ? read(body) : text + "\n\n" + read(body);
                return;
            }
            if (mediaType.equals("text/html") && html == null) {
                html = read(body);
                return;
            }
        }
        byte[] bytes = bytes(entity.getBody());
        String contentId = stripAngles(header(entity, "Content-ID"));
        Attachment info = new Attachment(id, nullToEmpty(fileName), mediaType, contentId, bytes.length,
                Checksums.of(bytes));
        String contentType = header(entity, "Content-Type");
        parts.put(id, new PartContent(info, contentType.isEmpty() ? null : MimeUtil.unfold(contentType), bytes));
        if (!attachment && !contentId.isEmpty()) {
            inline.add(info);
        } else {
            attachments.add(info);
        }
    }

    /** Content-Disposition's filename, else Content-Type's name (older mailers name attachments so). */
    private static String fileName(Entity entity) {
        if (entity.getFilename() != null) {
            return entity.getFilename();
        }
        return entity.getHeader().getField("Content-Type") instanceof ContentTypeField type
                ? type.getParameter("name") : null;
    }

    private static String read(TextBody body) throws IOException {
        StringWriter out = new StringWriter();
        try (Reader in = body.getReader()) {
            in.transferTo(out);
        }
        return out.toString().replace("\r\n", "\n");
    }

    private static byte[] bytes(Body body) throws IOException {
        if (body instanceof SingleBody single) {
            try (InputStream in = single.getInputStream()) {
                return in.readAllBytes();
            }
        }
        // An attached message (message/rfc822), which Mime4j has parsed: written back as it came.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DefaultMessageWriter().writeBody(body, out);
        return out.toByteArray();
    }

    private static List<Address> addresses(AddressList list) {
        return list == null ? List.of() : addresses(list.flatten());
    }

    private static List<Address> addresses(MailboxList list) {
        if (list == null) {
            return List.of();
        }
        return list.stream().map((Mailbox m) -> new Address(nullToEmpty(m.getName()), nullToEmpty(m.getAddress())))
                .toList();
    }

    private static String header(Entity entity, String name) {
        Field field = entity.getHeader() == null ? null : entity.getHeader().getField(name);
        return field == null ? "" : nullToEmpty(field.getBody());
    }

    private static String stripAngles(String value) {
        String v = nullToEmpty(value).trim();
        return v.startsWith("<") && v.endsWith(">") ? v.substring(1, v.length() - 1) : v;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * A readable plain-text rendering of an HTML body (jsoup): the text of the body, a line break
     * after each block element (a table row is one line) and at each {@code <br>}, blank lines
     * dropped, a web link's address after its text. Scripts and styles are not text to jsoup, so
     * they vanish.
     */
    static String htmlToText(String html) {
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    out.append(textNode.text().replace('\u00a0', ' '));
                } else if (node.nameIs("br")) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                String href = node.attr("href");
                if (node.nameIs("a") && href.matches("https?://.+") && !href.equals(((Element) node).text())) {
                    out.append(" (").append(href).append(')'); // so that a confirmation link can be followed
                } else if (node.nameIs("td") || node.nameIs("th")) {
                    out.append(' '); // a table row stays on one line
                } else if (node instanceof Element element && element.isBlock()) {
                    out.append('\n');
                }
            }
        }, Jsoup.parse(html).body());
        return out.toString().lines().map(line -> line.replaceAll("[ \t]+", " ").strip())
                .filter(line -> !line.isEmpty()).collect(Collectors.joining("\n"));
    }
}
