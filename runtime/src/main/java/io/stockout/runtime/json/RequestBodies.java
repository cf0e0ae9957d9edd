package io.stockout.runtime.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;

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

    /** One JSON object a line: how bulk loads may be sent besides a JSON array. */
    public static final String NDJSON = "application/x-ndjson";

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

    /**
     * The rows of a bulk load: a JSON array, or one JSON object a line when the body is
     * {@value #NDJSON}. A bad line is named by its index, as an array element would be: {@code [41]} is line 42.
     *
     * @param maxRows the most lines an NDJSON body may have; counted before any line is read
     */
    public <T> List<T> readRows(byte[] body, MediaType type, Class<T> rowType, int maxRows) {
        return ndjson(type) ? readLines(body, rowType, maxRows) : readList(body, rowType);
    }

    /** Whether a body of this type is {@value #NDJSON}, whatever its parameters (a charset, for example). */
    public static boolean ndjson(MediaType type) {
        return type != null && "application".equalsIgnoreCase(type.getType())
                && "x-ndjson".equalsIgnoreCase(type.getSubtype());
    }

    /**
     * Reads one JSON object a line. The body is buffered by the HTTP layer (it is at most
     * {@code quarkus.http.limits.max-body-size}); lines are read one after the other from it. Lines end with LF or
     * CRLF; the last line may end the body without one. An empty line is refused: each line is a row.
     */
    <T> List<T> readLines(byte[] body, Class<T> rowType, int maxRows) {
        if (body == null || body.length == 0) {
            throw StockoutProblem.malformed(null, "The request has no body; one JSON object a line is expected");
        }
        int lines = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '\n' && i < body.length - 1) {
                lines++;
            }
        }
        lines++;
        if (lines > maxRows) {
            throw StockoutProblem.invalid(null, "has " + lines + " lines; at most " + maxRows + " rows are taken at once");
        }
        ObjectReader reader = mapper.readerFor(rowType);
        List<T> rows = new ArrayList<>(lines);
        int start = 0;
        while (start < body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            int length = end - start;
            if (length > 0 && body[start + length - 1] == '\r') {
                length--;
            }
            String at = "[" + rows.size() + "]";
            if (blank(body, start, length)) {
                throw StockoutProblem.malformed(at,
                        "Line " + (rows.size() + 1) + " is empty; each line must be one JSON object");
            }
            T row = read(reader, body, start, length, at);
            if (row == null) {
                throw StockoutProblem.malformed(at, "Line " + (rows.size() + 1) + " is JSON null; a JSON object is expected");
            }
            rows.add(row);
            start = end + 1;
        }
        return rows;
    }

    private <T> T read(byte[] body, JavaType type) {
        if (body == null || body.length == 0) {
            throw StockoutProblem.malformed(null, "The request has no body; a JSON document is expected");
        }
        T value = read(mapper.readerFor(type), body, 0, body.length, null);
        if (value == null) {
            throw StockoutProblem.malformed(null, "The body is JSON null; a JSON document is expected");
        }
        return value;
    }

    /**
     * @param at the JSON path of the document within the request ({@code [41]} for a line of NDJSON), or
     *        {@code null} for the whole body
     */
    private static <T> T read(ObjectReader reader, byte[] body, int offset, int length, String at) {
        String what = at == null ? "The body" : "Line " + line(at);
        try {
            return reader.readValue(body, offset, length);
        } catch (UnrecognizedPropertyException e) {
            throw StockoutProblem.malformed(path(at, e), "Unknown field '" + e.getPropertyName() + "'");
        } catch (InvalidFormatException e) {
            throw StockoutProblem.malformed(path(at, e),
                    "Value " + shortly(e.getValue()) + " is not a valid " + e.getTargetType().getSimpleName());
        } catch (MismatchedInputException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
                throw StockoutProblem.malformed(at, "There is more content after the JSON document"
                        + (at == null ? "" : " on line " + line(at)));
            }
            String expected = e.getTargetType() == null ? "value" : e.getTargetType().getSimpleName();
            throw StockoutProblem.malformed(path(at, e), "Expected " + article(expected) + " here");
        } catch (JsonMappingException e) {
            throw StockoutProblem.malformed(path(at, e), "The value cannot be read: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw StockoutProblem.malformed(at, what + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw StockoutProblem.malformed(at, what + " cannot be read");
        }
    }

    /** The line number (from 1) of an NDJSON row's path such as {@code [41]}. */
    private static int line(String at) {
        return Integer.parseInt(at, 1, at.length() - 1, 10) + 1;
    }

    private static boolean blank(byte[] body, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (body[i] != ' ' && body[i] != '\t' && body[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String path(String at, JsonMappingException e) {
        String inside = path(e);
        if (at == null) {
            return inside;
        }
        return inside == null ? at : at + (inside.startsWith("[") ? "" : ".") + inside;
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
