package io.innoleap.scheduler.notifications;

import io.micronaut.http.HttpRequest;
import io.micronaut.views.ViewsRenderer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the service's mails and pages from the Thymeleaf templates under {@code views/} through
 * Micronaut Views. {@code <name>.html} is read in HTML mode, where {@code th:text} escapes every
 * value; {@code <name>.txt} in TEXT mode for plain-text parts, where templates write values with
 * {@code [(...)]} (TEXT mode has nothing to escape). Templates get ready-made strings: formatting
 * (times in the programme zone, fallbacks) stays in Java where it is tested.
 */
@Singleton
public class Templates {

    private final ViewsRenderer<Map<String, Object>, HttpRequest<?>> views;

    public Templates(ViewsRenderer<Map<String, Object>, HttpRequest<?>> views) {
        this.views = views;
    }

    /**
     * A mail whose text part is {@code <name>.txt} and HTML part {@code <name>.html}, both from
     * {@code model} plus {@code subject} (as the mail header will carry it: one line).
     */
    public MailContent mail(String name, String subject, Map<String, Object> model, List<MailAttachment> attachments) {
        Map<String, Object> withSubject = new HashMap<>(model);
        withSubject.put("subject", MailContent.oneLine(subject));
        return new MailContent(subject, text(name, withSubject), html(name, withSubject), attachments);
    }

    public String html(String name, Map<String, Object> model) {
        return render(name + ".html", model);
    }

    public String text(String name, Map<String, Object> model) {
        return render(name + ".txt", model);
    }

    private String render(String view, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        try {
            views.render(view, model, null).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
