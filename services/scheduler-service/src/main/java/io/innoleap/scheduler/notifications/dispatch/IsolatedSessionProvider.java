package io.innoleap.scheduler.notifications.dispatch;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.email.javamail.sender.DefaultSessionProvider;
import io.micronaut.email.javamail.sender.MailPropertiesProvider;
import io.micronaut.email.javamail.sender.SessionProvider;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.Session;

import java.util.Properties;

/**
 * Micronaut's default provider uses the JVM-wide default mail session
 * ({@code Session.getDefaultInstance}), which refuses a second caller with a different
 * authenticator ("Access to default session denied"), e.g. another library or a test SMTP server
 * in the same JVM. This one builds its own session, and sets socket timeouts so a hung SMTP
 * server cannot block the dispatcher forever.
 */
@Singleton
@Replaces(DefaultSessionProvider.class)
public class IsolatedSessionProvider implements SessionProvider {

    private final Session session;

    public IsolatedSessionProvider(MailPropertiesProvider mailPropertiesProvider, @Nullable Authenticator authenticator) {
        Properties properties = new Properties();
        properties.putAll(mailPropertiesProvider.mailProperties());
        properties.putIfAbsent("mail.smtp.connectiontimeout", "10000");
        properties.putIfAbsent("mail.smtp.timeout", "20000");
        properties.putIfAbsent("mail.smtp.writetimeout", "20000");
        this.session = Session.getInstance(properties, authenticator);
    }

    @Override
    public Session session() {
        return session;
    }
}
