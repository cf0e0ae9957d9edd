package io.stockout.runtime.adapter.commercetools;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.stockout.runtime.problem.Problem;

/**
 * A refused cart change, in the one body that both readers take: commercetools reads {@code errors} (each with its
 * {@code code}, {@code InvalidInput} or {@code InvalidOperation}, and its {@code message}) and passes them on to the API
 * caller; everything else is an RFC 9457 problem, whose extension members {@code errors} is.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CommercetoolsRefusal(String type, String title, int status, String detail, String field,
        List<Map<String, Object>> errors) {

    /** commercetools takes a refusal as this status only. */
    static final int STATUS = 400;

    static Response of(String type, String title, String detail, String field, List<Map<String, Object>> errors) {
        return Response.status(STATUS)
                .type(Problem.MEDIA_TYPE)
                .entity(new CommercetoolsRefusal(Problem.type(type), title, STATUS, detail, field, errors))
                .build();
    }
}
