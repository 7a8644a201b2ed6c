package io.innoleap.problems;

import java.util.Map;

/** Request bodies for the tests, as a client would send them. */
final class ProblemStatementJson {
    private ProblemStatementJson() {
    }

    static String valid() {
        return valid("LTA", "Predicting bus bunching on trunk routes");
    }

    static String valid(String agency, String title) {
        return """
                {"agency": {"code": "%s", "name": "Land Transport Authority", "domain": "transport"},
                 "title": "%s",
                 "description": "Buses on trunk routes arrive in bunches, leaving long gaps for commuters at peak hours.",
                 "themes": ["Smart Cities", "data-analytics"],
                 "horizon": "IMMEDIATE_OPERATIONAL",
                 "contact": {"name": "Tan Wei Ling", "email": "tan_wei_ling@lta.gov.sg"}}
                """.formatted(agency, title);
    }

    static String withVersion(String status, long version) {
        return """
                {"agency": {"code": "LTA", "name": "Land Transport Authority", "domain": "transport"},
                 "title": "Predicting bus bunching on trunk and feeder routes",
                 "description": "Buses on trunk routes arrive in bunches, leaving long gaps for commuters at peak hours.",
                 "themes": ["smart-cities", "transport"],
                 "horizon": "LONG_TERM",
                 "contact": {"name": "Tan Wei Ling", "email": "tan_wei_ling@lta.gov.sg"},
                 "status": "%s", "version": %d}
                """.formatted(status, version);
    }

    static Map<String, Object> map(String json, io.micronaut.json.JsonMapper mapper) {
        try {
            return mapper.readValue(json, io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
