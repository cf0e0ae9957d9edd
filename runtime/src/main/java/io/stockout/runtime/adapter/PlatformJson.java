package io.stockout.runtime.adapter;

import java.io.IOException;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;

/**
 * Reads platform payloads. They carry many fields Stockout does not use, so they are read as a tree and only the
 * fields used are checked, each refusal naming its field. Numbers are never read through {@code double}: a 64-bit id
 * keeps every digit, and a fractional or exponent id is refused.
 */
@ApplicationScoped
public class PlatformJson {

    private static final int MAX_NESTING = 32;

    private final ObjectMapper mapper;

    public PlatformJson(ObjectMapper mapper) {
        ObjectMapper tree = mapper.copy();
        tree.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build());
        tree.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        tree.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        tree.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.mapper = tree;
    }

    /** The body as a JSON object. */
    public JsonNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw StockoutProblem.malformed(null, "The request has no body; a JSON document is expected");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw StockoutProblem.malformed(null, "The body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw StockoutProblem.malformed(null, "The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw StockoutProblem.malformed(null, "The body cannot be read");
        }
    }

    /**
     * A platform id: a positive whole number of at most 64 bits (kept exact beyond 2^53, where a {@code double} would
     * round it) or a string of at most 256 characters; {@code null} when absent or null. Platforms number their
     * resources with signed 64-bit ids, so a larger or non-positive number names nothing and is refused.
     */
    public static String id(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            BigInteger id = value.bigIntegerValue();
            if (id.signum() <= 0 || id.bitLength() >= Long.SIZE) {
                throw StockoutProblem.invalid(path, "must be a whole number from 1 to " + Long.MAX_VALUE + ", or a string");
            }
            return id.toString();
        }
        if (value.isTextual()) {
            return Checks.required(path, value.textValue(), 256);
        }
        throw StockoutProblem.invalid(path, "must be a whole-number or string id, not " + value.getNodeType());
    }

    public static String requiredId(JsonNode parent, String field, String path) {
        String id = id(parent, field, path);
        if (id == null) {
            throw StockoutProblem.invalid(path, "is required");
        }
        return id;
    }

    /** A string field; {@code null} when absent or null. */
    public static String text(JsonNode parent, String field, String path, int maxLength) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw StockoutProblem.invalid(path, "must be a string, not " + value.getNodeType());
        }
        return Checks.optional(path, value.textValue(), maxLength);
    }

    /** A whole number within bounds; {@code null} when absent or null. */
    public static Integer integer(JsonNode parent, String field, String path, int min, int max) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw StockoutProblem.invalid(path, "must be a whole number, not " + value.getNodeType());
        }
        if (!value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw StockoutProblem.invalid(path, "must be between " + min + " and " + max);
        }
        return value.intValue();
    }

    /** A date-time with an offset ({@code 2026-03-03T12:00:00-05:00}); {@code null} when absent or null. */
    public static OffsetDateTime time(JsonNode parent, String field, String path) {
        String text = text(parent, field, path, 64);
        return text == null ? null : time(text, path);
    }

    public static OffsetDateTime time(String text, String path) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw StockoutProblem.invalid(path, "must be a date-time with an offset, like 2026-03-03T12:00:00Z");
        }
    }

    /** An array field; an empty array when absent or null. */
    public static JsonNode array(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            throw StockoutProblem.invalid(path, "must be an array, not " + value.getNodeType());
        }
        return value;
    }

    /** An object field; {@code null} when absent or null. */
    public static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw StockoutProblem.invalid(path, "must be an object, not " + value.getNodeType());
        }
        return value;
    }
}
