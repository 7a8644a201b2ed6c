package io.innoleap.testkit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The programme's access rules as one table ({@value #RESOURCE}): for every endpoint of every
 * service, which test user (by role, owner of the object or not) gets which status. Each service's
 * access test runs its rows over HTTP, and {@link #assertCovers} fails the build when the service
 * serves an endpoint the table does not mention: a new endpoint without a rule cannot land.
 *
 * <p>Columns: {@code service,method,path,user,owner,expected}. {@code path} is the route template
 * with placeholders the service's test resolves (e.g. {@code {ltaStatement}}), and may carry a
 * query string (rules that depend on a query parameter: {@code /api/matches?problemStatementId=...}); {@code user} is a
 * test user ({@code anonymous} sends no token); {@code owner} says how the user relates to the
 * object ({@code own}, {@code other}, {@code any} for the programme office, {@code -} where no
 * object is involved); {@code expected} is the HTTP status.
 */
public final class AccessTable {

    public static final String RESOURCE = "/io/innoleap/testkit/access-rules.csv";

    private AccessTable() {
    }

    /** One rule: {@code user} calling {@code method path} gets {@code expected}. */
    public record Row(String service, HttpMethod method, String path, String user, String owner, int expected) {
        /** The route the row is about: method and the path with placeholders turned into route variables. */
        public String route() {
            int query = path.indexOf('?');
            return method + " " + (query < 0 ? path : path.substring(0, query)).replaceAll("\\{[^}]+}", "{}");
        }

        @Override
        public String toString() {
            return method + " " + path + " as " + user + " (" + owner + ") -> " + expected;
        }
    }

    /**
     * Sends the row's request to {@code path} (its placeholders resolved) as the row's user, with
     * {@code body} as JSON if not null, and returns the status; a refusal must be problem+json.
     */
    public static int send(HttpClient http, Row row, String path, @Nullable Object body) {
        MutableHttpRequest<Object> request = HttpRequest.create(row.method(), path);
        if (body != null) {
            request.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        if (!"anonymous".equals(row.user())) {
            request.bearerAuth(TestOidc.get().token(row.user()));
        }
        try {
            return http.toBlocking().exchange(request, String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            if (e.getStatus().getCode() >= 400) {
                String type = e.getResponse().getContentType().map(Object::toString).orElse("");
                if (!type.startsWith("application/problem+json")) {
                    throw new AssertionError(row + ": a refusal must be application/problem+json, was '" + type + "'");
                }
            }
            return e.getStatus().getCode();
        }
    }

    /** The rows of one service, in table order. */
    public static List<Row> rows(String service) {
        return all().stream().filter(r -> r.service().equals(service)).toList();
    }

    public static List<Row> all() {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = AccessTable.class.getResourceAsStream(RESOURCE);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] c = line.split(",", -1);
                if (c.length != 6) {
                    throw new IllegalStateException("Bad row in " + RESOURCE + ": " + line);
                }
                rows.add(new Row(c[0].strip(), HttpMethod.valueOf(c[1].strip()), c[2].strip(), c[3].strip(), c[4].strip(),
                        Integer.parseInt(c[5].strip())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /**
     * Every route the service answers has at least one row, and every row names a route the
     * service answers; otherwise an {@link AssertionError} listing what is missing.
     */
    public static void assertCovers(Router router, List<Row> rows) {
        Set<String> served = router.uriRoutes()
                .map(UriRouteInfo.class::cast)
                .filter(r -> r.getHttpMethod() != HttpMethod.HEAD && r.getHttpMethod() != HttpMethod.OPTIONS)
                .filter(r -> !r.getUriMatchTemplate().toString().startsWith("/swagger"))
                .map(r -> r.getHttpMethod() + " " + r.getUriMatchTemplate().toString()
                        .replaceAll("\\{[?&][^}]*}", "").replaceAll("\\{[^}]+}", "{}"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> ruled = rows.stream().map(Row::route).collect(Collectors.toCollection(TreeSet::new));
        Set<String> unruled = new TreeSet<>(served);
        unruled.removeAll(ruled);
        Set<String> unknown = new TreeSet<>(ruled);
        unknown.removeAll(served);
        if (!unruled.isEmpty() || !unknown.isEmpty()) {
            throw new AssertionError("The access table " + RESOURCE + " and the service disagree.\n"
                    + (unruled.isEmpty() ? "" : "Endpoints without an access rule (add rows for them): " + unruled + "\n")
                    + (unknown.isEmpty() ? "" : "Rows for endpoints the service does not serve: " + unknown));
        }
    }
}
