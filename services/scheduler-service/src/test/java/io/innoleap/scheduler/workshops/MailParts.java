package io.innoleap.scheduler.workshops;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the parts of a received mail (text, HTML, attachments) for assertions. */
final class MailParts {
    record MailPart(String contentType, String fileName, String content) {
    }

    private MailParts() {
    }

    static List<MailPart> of(MimeMessage message) throws Exception {
        List<MailPart> out = new ArrayList<>();
        collect(message, out);
        return out;
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
