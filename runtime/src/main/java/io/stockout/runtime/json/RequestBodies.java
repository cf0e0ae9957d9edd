package io.stockout.runtime.json;

import java.io.IOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.stockout.runtime.problem.StockoutProblem;

/**
 * Reads request bodies from their raw bytes, strictly: unknown fields, trailing content, wrong types and nesting beyond
 * what the API uses are refused with a problem naming the field at fault.
 * <p>
 * Endpoints take the raw bytes (rather than letting the framework bind them) so that a later signature check sees
 * exactly what was sent, and so that every parse error is Stockout's own 400.
 */
@ApplicationScoped
public class RequestBodies {

    private static final int MAX_NESTING = 16;

    private final ObjectMapper mapper;

    public RequestBodies(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy();
        strict.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build());
        strict.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        strict.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        strict.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        strict.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        strict.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        // "12" is not a quantity and 12 is not a SKU: no silent conversions between JSON types
        for (LogicalType scalar : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            strict.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            strict.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
            strict.coercionConfigFor(LogicalType.Enum).setCoercion(shape, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // a date is a date: "2026-03-10", not a date-time that happens to start with one
        strict.configOverride(java.time.LocalDate.class)
                .setFormat(com.fasterxml.jackson.annotation.JsonFormat.Value.forLeniency(false));
        this.mapper = strict;
    }

    public <T> T read(byte[] body, Class<T> type) {
        return read(body, mapper.constructType(type));
    }

    public <T> List<T> readList(byte[] body, Class<T> elementType) {
        return read(body, mapper.getTypeFactory().constructCollectionType(List.class, elementType));
    }

    private <T> T read(byte[] body, JavaType type) {
        if (body == null || body.length == 0) {
            throw StockoutProblem.malformed(null, "The request has no body; a JSON document is expected");
        }
        ObjectReader reader = mapper.readerFor(type);
        try {
            T value = reader.readValue(body);
            if (value == null) {
                throw StockoutProblem.malformed(null, "The body is JSON null; a JSON document is expected");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw StockoutProblem.malformed(path(e), "Unknown field '" + e.getPropertyName() + "'");
        } catch (InvalidFormatException e) {
            throw StockoutProblem.malformed(path(e),
                    "Value " + shortly(e.getValue()) + " is not a valid " + e.getTargetType().getSimpleName());
        } catch (MismatchedInputException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
                throw StockoutProblem.malformed(null, "There is more content after the JSON document");
            }
            String expected = e.getTargetType() == null ? "value" : e.getTargetType().getSimpleName();
            throw StockoutProblem.malformed(path(e), "Expected " + article(expected) + " here");
        } catch (JsonMappingException e) {
            throw StockoutProblem.malformed(path(e), "The value cannot be read: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw StockoutProblem.malformed(null, "The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw StockoutProblem.malformed(null, "The body cannot be read");
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static String shortly(Object value) {
        String text = String.valueOf(value);
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
    }

    private static String article(String type) {
        return switch (type) {
            case "ArrayList", "List" -> "a JSON array";
            case "Integer", "int", "Long", "long" -> "a whole number";
            case "Double", "double", "BigDecimal" -> "a number";
            case "Boolean", "boolean" -> "true or false";
            case "String" -> "a string";
            default -> "a JSON object (" + type + ")";
        };
    }
}
