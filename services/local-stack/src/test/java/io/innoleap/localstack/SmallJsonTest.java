package io.innoleap.localstack;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token command's JSON reader reads what an OIDC provider answers, and refuses what is not JSON. */
class SmallJsonTest {

    @Test
    void readsObjectsArraysStringsNumbersAndLiterals() {
        Object v = SmallJson.parse(" {\"access_token\":\"eyJ.a-b_c.d\", \"expires_in\": 3599, \"scope\" : \"openid\","
                + " \"roles\":[\"AGENCY\", \"PROVIDER\"], \"n\": -1.5e2, \"ok\": true, \"no\": false, \"x\": null,"
                + " \"nested\": {\"empty\": {}, \"list\": []}} ");

        Map<String, Object> o = SmallJson.object(v);
        assertThat(o).containsEntry("access_token", "eyJ.a-b_c.d").containsEntry("expires_in", 3599.0)
                .containsEntry("n", -150.0).containsEntry("ok", true).containsEntry("no", false).containsEntry("x", null);
        assertThat(SmallJson.array(o.get("roles"))).containsExactly("AGENCY", "PROVIDER");
        assertThat(SmallJson.object(SmallJson.object(o.get("nested")).get("empty"))).isEmpty();
        assertThat(SmallJson.array(SmallJson.object(o.get("nested")).get("list"))).isEmpty();
        assertThat(o.keySet()).containsExactly("access_token", "expires_in", "scope", "roles", "n", "ok", "no", "x", "nested");
    }

    @Test
    void decodesEscapes() {
        assertThat(SmallJson.parse("\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\u20AC\"")).isEqualTo("a\"b\\c/d\n\té€");
    }

    @Test
    void wrongTypesGiveEmptyOrNullInsteadOfThrowing() {
        assertThat(SmallJson.object(List.of())).isEmpty();
        assertThat(SmallJson.array("x")).isEmpty();
        assertThat(SmallJson.string(1.0)).isNull();
    }

    @Test
    void refusesWhatIsNotJson() {
        for (String bad : List.of("", "{", "{\"a\" 1}", "{\"a\":1,}", "[1 2]", "\"open", "tru", "{\"a\":1} x", "<html>",
                "\"\\x\"", "\"\\u12\"", "{a:1}", "\"tab\there\"")) {
            assertThatThrownBy(() -> SmallJson.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not JSON: ");
        }
    }
}
