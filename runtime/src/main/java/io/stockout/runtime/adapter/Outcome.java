package io.stockout.runtime.adapter;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a platform event did: how many rows it changed, or why it changed nothing.
 *
 * @param applied rows written (stock levels, mappings, locations)
 * @param ignored why nothing was written, for an event that is valid but has nothing for Stockout (an untracked item,
 *        an unknown SKU, an older count than the one stored)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Outcome(String topic, int applied, String ignored) {

    public static Outcome applied(String topic, int rows) {
        return new Outcome(topic, rows, null);
    }

    public static Outcome ignored(String topic, String why) {
        return new Outcome(topic, 0, why);
    }
}
