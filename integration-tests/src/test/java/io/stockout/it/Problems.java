package io.stockout.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.ValidatableResponse;

/**
 * Sends raw request bodies and checks the RFC 9457 problem that refuses them.
 */
final class Problems {

    static final String PROBLEM_JSON = "application/problem+json";

    private Problems() {
    }

    static ValidatableResponse post(String path, String body) {
        return given().urlEncodingEnabled(false).contentType("application/json").body(body).post(path).then();
    }

    static ValidatableResponse put(String path, String body) {
        return given().urlEncodingEnabled(false).contentType("application/json").body(body).put(path).then();
    }

    /** A 4xx problem+json with a type and a detail, naming the field at fault ({@code null}: none is named). */
    static ValidatableResponse assertProblem(ValidatableResponse response, int status, String field) {
        return response.statusCode(status)
                .contentType(startsWith(PROBLEM_JSON))
                .body("type", startsWith("https://"))
                .body("status", equalTo(status))
                .body("detail", not(emptyOrNullString()))
                .body("field", field == null ? nullValue() : equalTo(field));
    }

    /** A 4xx problem+json with a type and a detail, whatever field it names. */
    static ValidatableResponse assertProblem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(startsWith(PROBLEM_JSON))
                .body("type", startsWith("https://"))
                .body("detail", not(emptyOrNullString()));
    }
}
