package io.innoleap.testkit;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The leaf parts of a mail {@link TestSmtp} received (text, HTML, attachments such as .ics), for assertions. */
public final class MailParts {

    /** One leaf part: its content type, attachment file name (or null) and content as text. */
    public record MailPart(String contentType, String fileName, String content) {
    }

    private MailParts() {
    }

    public static List<MailPart> of(MimeMessage message) {
        List<MailPart> out = new ArrayList<>();
        try {
            collect(message, out);
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the parts of a received mail", e);
        }
        return out;
    }

    /** The first text/plain part. */
    public static String text(MimeMessage message) {
        return of(message).stream().filter(p -> p.contentType().toLowerCase().startsWith("text/plain"))
                .map(MailPart::content).findFirst().orElseThrow();
    }

    private static void collect(Part part, List<MailPart> out) throws Exception {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, out);
            }
            return;
        }
        String text;
        if (content instanceof String s) {
            text = s;
        } else if (content instanceof InputStream in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            text = bytes.toString(StandardCharsets.UTF_8);
        } else {
            text = String.valueOf(content);
        }
        out.add(new MailPart(part.getContentType(), part.getFileName(), text));
    }
}
