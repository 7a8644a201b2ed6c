package io.innoleap.localstack;

import java.io.PrintStream;

/**
 * {@code ./innoleap-local token USER [--port oidc=N]}: prints an access token of a demo user of the
 * running stack's identity provider, and nothing else, so that {@code TOKEN=$(./innoleap-local token lta)}
 * works. Errors are one line on stderr (exit 1; 64 for bad arguments). Deliberately small (no picocli,
 * no Micronaut): it runs for every curl of the walkthrough.
 */
public final class TokenCommand {

    static final String PROGRAM = "innoleap-local token";
    private static final int DEFAULT_PORT = 8090;

    private TokenCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String user = null;
        int port = DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--root")) {
                i++; // the script passes it to every command; a token needs no repository
            } else if (a.equals("--port") || a.startsWith("--port=")) {
                String value = a.equals("--port") ? (i + 1 < args.length ? args[++i] : "") : a.substring("--port=".length());
                if (!value.startsWith("oidc=")) {
                    return usage(err, "--port takes only oidc=N here, was '" + value + "'");
                }
                try {
                    port = Integer.parseInt(value.substring("oidc=".length()));
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 1 || port > 65535) {
                    return usage(err, "a port must be a number from 1 to 65535, was '" + value.substring(5) + "'");
                }
            } else if (a.equals("-h") || a.equals("--help")) {
                out.println(usageLine());
                return 0;
            } else if (a.startsWith("-") || user != null) {
                return usage(err, "unexpected argument " + a);
            } else {
                user = a;
            }
        }
        if (user == null) {
            return usage(err, "which user? one of " + Tokens.demoUserNames());
        }
        try {
            out.println(new Tokens("http://localhost:" + port + "/innoleap").of(user));
            return 0;
        } catch (Tokens.TokenException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println(PROGRAM + ": " + problem + " (" + usageLine() + ")");
        return 64;
    }

    private static String usageLine() {
        return "usage: ./innoleap-local token USER [--port oidc=N]; USER is one of " + Tokens.demoUserNames();
    }
}
