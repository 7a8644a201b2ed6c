package io.innoleap.localstack;

/** Base URLs of a running stack; {@code issuer} is the identity provider's issuer ({@code http://localhost:8090/innoleap}). */
public record StackUrls(String problems, String solutions, String matcher, String scheduler, String mail, String issuer) {

    /** The stack on these ports (localhost: tokens carry the issuer as the host name they were asked for). */
    static StackUrls of(StackOptions o) {
        return new StackUrls(local(o, "problem"), local(o, "solution"), local(o, "matcher"), local(o, "scheduler"), local(o, "mail"),
                local(o, "oidc") + "/innoleap");
    }

    private static String local(StackOptions o, String name) {
        return "http://localhost:" + o.port(name);
    }
}
