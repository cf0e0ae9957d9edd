package io.stockout.runtime.segment;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.stockout.LifeCycleStage;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.segment.SegmentRule.Conditions;

/**
 * Checks a catalog's rules strictly before anything is stored: each failure names the field at fault. Rules that could
 * never match (contradictory bounds, or placed after a rule that matches every SKU) are refused too.
 */
public final class RuleChecks {

    /** Most rules a catalog may have. */
    public static final int MAX_RULES = 100;
    // no space at the end, nor two in a row: "x", "x " and "x  y" would read alike in reasons and in the audit trail
    private static final Pattern NAME = Pattern.compile("(?=.{1,64}$)[A-Za-z0-9][A-Za-z0-9._-]*(?: [A-Za-z0-9._-]+)*");

    private RuleChecks() {
    }

    /** The rules, checked; a problem names the first fault. */
    public static List<SegmentRule> check(List<SegmentRule> rules) {
        Checks.rows("", rules, MAX_RULES);
        if (rules.isEmpty()) {
            throw StockoutProblem.invalid(null,
                    "At least one rule is needed; to go back to the default rules, DELETE the catalog's rules");
        }
        Map<String, Integer> names = new HashMap<>();
        Integer everySku = null;
        for (int i = 0; i < rules.size(); i++) {
            SegmentRule rule = rules.get(i);
            String at = "[" + i + "].";
            Checks.required(at + "name", rule.name(), 64);
            if (!NAME.matcher(rule.name()).matches()) {
                throw StockoutProblem.invalid(at + "name",
                        "A rule name is 1 to 64 letters, digits, single spaces, '.', '_' or '-', starting with a letter"
                                + " or digit and not ending with a space");
            }
            Integer same = names.put(rule.name().toLowerCase(Locale.ROOT), i);
            if (same != null) {
                throw StockoutProblem.invalid(at + "name", "'" + rule.name() + "' is also the name of rule [" + same + "]");
            }
            Checks.present(at + "action", rule.action());
            if (everySku != null) {
                throw StockoutProblem.invalid(at.substring(0, at.length() - 1), "can never match: rule [" + everySku
                        + "] '" + rules.get(everySku).name() + "' before it matches every SKU");
            }
            if (rule.when() != null) {
                conditions(at + "when.", rule.when());
            }
            if (rule.matchesEverySku()) {
                everySku = i;
            }
        }
        return rules.stream().map(RuleChecks::normalized).toList();
    }

    private static void conditions(String at, Conditions when) {
        if (when.stages() != null) {
            List<LifeCycleStage> stages = when.stages();
            if (stages.isEmpty()) {
                throw StockoutProblem.invalid(at + "stages", "must name at least one stage, or be left out");
            }
            for (int j = 0; j < stages.size(); j++) {
                if (stages.get(j) == null) {
                    throw StockoutProblem.invalid(at + "stages[" + j + "]",
                            "must be one of " + List.of(LifeCycleStage.values()));
                }
                if (stages.indexOf(stages.get(j)) != j) {
                    throw StockoutProblem.invalid(at + "stages[" + j + "]", stages.get(j) + " is listed twice");
                }
            }
        }
        bounds(at, "onTimeShare", when.onTimeShareAtLeast(), when.onTimeShareAtMost(), 0, 1);
        if (when.leadTimeDaysAtLeast() != null) {
            Checks.range(at + "leadTimeDaysAtLeast", when.leadTimeDaysAtLeast(), 0, 3650);
        }
        if (when.leadTimeDaysAtMost() != null) {
            Checks.range(at + "leadTimeDaysAtMost", when.leadTimeDaysAtMost(), 0, 3650);
        }
        bounds(at, "leadTimeDays", number(when.leadTimeDaysAtLeast()), number(when.leadTimeDaysAtMost()), 0, 3650);
        bounds(at, "margin", when.marginAtLeast(), when.marginAtMost(), -1, 1);
        bounds(at, "holdingCost", when.holdingCostAtLeast(), when.holdingCostAtMost(), 0, 10);
        if (Boolean.TRUE.equals(when.unknownSupplier())
                && (when.onTimeShareAtLeast() != null || when.onTimeShareAtMost() != null)) {
            throw StockoutProblem.invalid(at + "unknownSupplier",
                    "can never match with an on-time share condition: an unknown supplier has no on-time share yet");
        }
    }

    private static void bounds(String at, String input, Double atLeast, Double atMost, double min, double max) {
        if (atLeast != null) {
            Checks.range(at + input + "AtLeast", atLeast, min, max);
        }
        if (atMost != null) {
            Checks.range(at + input + "AtMost", atMost, min, max);
        }
        if (atLeast != null && atMost != null && atLeast > atMost) {
            throw StockoutProblem.invalid(at + input + "AtMost",
                    "is below " + input + "AtLeast (" + Segmenter.format(atLeast) + "): the rule could never match");
        }
    }

    private static Double number(Integer value) {
        return value == null ? null : value.doubleValue();
    }

    /** The rule as stored: conditions that set nothing are no conditions. */
    private static SegmentRule normalized(SegmentRule rule) {
        return rule.when() != null && rule.when().isEmpty() ? new SegmentRule(rule.name(), null, rule.action()) : rule;
    }
}
