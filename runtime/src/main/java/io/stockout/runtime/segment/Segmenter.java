package io.stockout.runtime.segment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.stockout.OutOfStockPolicy;
import io.stockout.runtime.segment.SegmentRule.Conditions;

/**
 * Chooses a SKU's out-of-stock policy: its pin, else the action of the first rule whose conditions it meets, else
 * {@code NONE}. Pure: the inputs and rules in, the policy with its reason out.
 * <p>
 * A supplier's on-time share counts once it has made {@code minDeliveries} measured deliveries; before that the supplier
 * is unknown, and conditions on its share do not hold.
 */
public final class Segmenter {

    private final int minDeliveries;

    /**
     * @param minDeliveries the measured deliveries a supplier needs before its on-time share is judged (at least 1)
     */
    public Segmenter(int minDeliveries) {
        this.minDeliveries = Math.max(1, minDeliveries);
    }

    /**
     * @param pin the merchant's pin, or {@code null}
     * @param rules the catalog's rules in order
     * @param defaults whether the rules are those shipped with Stockout (the catalog has none of its own)
     */
    public Assignment assign(SkuInputs sku, OutOfStockPolicy pin, List<SegmentRule> rules, boolean defaults) {
        if (pin != null) {
            return new Assignment(pin, PolicySource.PIN, null, "Pinned to " + pin + " by the merchant");
        }
        for (int i = 0; i < rules.size(); i++) {
            SegmentRule rule = rules.get(i);
            List<String> met = met(rule.when(), sku);
            if (met != null) {
                String which = (defaults ? "Default rule " : "Rule ") + (i + 1) + " '" + rule.name() + "'";
                String why = met.isEmpty() ? "applies to every SKU that no rule before it matched" : String.join(", ", met);
                return new Assignment(rule.action(), defaults ? PolicySource.DEFAULT_RULE : PolicySource.RULE, rule.name(),
                        which + ": " + why);
            }
        }
        return new Assignment(OutOfStockPolicy.NONE, PolicySource.NO_RULE, null,
                "No rule matched (" + describe(sku) + "), so nothing is offered for missing units");
    }

    /** Whether the SKU's supplier has enough history for its on-time share to count. */
    public boolean knownSupplier(SkuInputs sku) {
        return sku.supplier() != null && sku.deliveries() >= minDeliveries && sku.onTimeShare() != null;
    }

    /** The conditions the SKU meets, each with the SKU's value; {@code null} when it fails one. */
    private List<String> met(Conditions when, SkuInputs sku) {
        List<String> met = new ArrayList<>();
        if (when == null) {
            return met;
        }
        if (when.stages() != null) {
            if (sku.stage() == null || !when.stages().contains(sku.stage())) {
                return null;
            }
            met.add("stage " + sku.stage() + (when.stages().size() > 1 ? " is one of " + when.stages() : ""));
        }
        if (when.makeToOrder() != null) {
            if (sku.makeToOrder() != when.makeToOrder()) {
                return null;
            }
            met.add(sku.makeToOrder() ? "made to order" : "not made to order");
        }
        boolean known = knownSupplier(sku);
        if (when.unknownSupplier() != null) {
            if (when.unknownSupplier() == known) {
                return null;
            }
            met.add(known
                    ? "supplier " + sku.supplier() + " known from " + sku.deliveries() + " deliveries"
                    : unknownSupplier(sku));
        }
        if (when.onTimeShareAtLeast() != null || when.onTimeShareAtMost() != null) {
            String share = within("on-time share of supplier " + sku.supplier(), known ? sku.onTimeShare() : null, "",
                    when.onTimeShareAtLeast(), when.onTimeShareAtMost());
            if (share == null) {
                return null;
            }
            met.add(share);
        }
        if (when.leadTimeDaysAtLeast() != null || when.leadTimeDaysAtMost() != null) {
            String lead = within("lead time", number(sku.leadTimeDays()), " days", number(when.leadTimeDaysAtLeast()),
                    number(when.leadTimeDaysAtMost()));
            if (lead == null) {
                return null;
            }
            met.add(lead);
        }
        if (when.marginAtLeast() != null || when.marginAtMost() != null) {
            String margin = within("margin", sku.margin(), "", when.marginAtLeast(), when.marginAtMost());
            if (margin == null) {
                return null;
            }
            met.add(margin);
        }
        if (when.holdingCostAtLeast() != null || when.holdingCostAtMost() != null) {
            String cost = within("holding cost", sku.holdingCost(), "", when.holdingCostAtLeast(),
                    when.holdingCostAtMost());
            if (cost == null) {
                return null;
            }
            met.add(cost);
        }
        return met;
    }

    /** The value described against its bounds, or {@code null} when it is unknown or outside them. */
    private static String within(String label, Double value, String unit, Double atLeast, Double atMost) {
        if (value == null || atLeast != null && value < atLeast || atMost != null && value > atMost) {
            return null;
        }
        String bounds;
        if (atLeast != null && atMost != null) {
            bounds = " between " + format(atLeast) + " and " + format(atMost);
        } else if (atLeast != null) {
            bounds = " >= " + format(atLeast);
        } else {
            bounds = " <= " + format(atMost);
        }
        return label + " " + format(value) + unit + bounds;
    }

    private String unknownSupplier(SkuInputs sku) {
        if (sku.supplier() == null) {
            return "no supplier named";
        }
        return "supplier " + sku.supplier() + " unknown: " + sku.deliveries() + " measured deliveries, "
                + minDeliveries + " needed to judge it";
    }

    /** Every input of the SKU, for a reason that no rule gave. */
    private String describe(SkuInputs sku) {
        List<String> facts = new ArrayList<>();
        facts.add(sku.stage() == null ? "no life-cycle stage" : "stage " + sku.stage());
        facts.add(sku.makeToOrder() ? "made to order" : "not made to order");
        facts.add(sku.leadTimeDays() == null ? "no lead time" : "lead time " + sku.leadTimeDays() + " days");
        facts.add(knownSupplier(sku)
                ? "supplier " + sku.supplier() + " on time " + format(sku.onTimeShare()) + " of " + sku.deliveries()
                        + " deliveries"
                : unknownSupplier(sku));
        facts.add(sku.margin() == null ? "no margin" : "margin " + format(sku.margin()));
        facts.add(sku.holdingCost() == null ? "no holding cost" : "holding cost " + format(sku.holdingCost()));
        return String.join(", ", facts);
    }

    private static Double number(Integer value) {
        return value == null ? null : value.doubleValue();
    }

    /** A number as a merchant writes it: 0.9, 14, -0.05. */
    static String format(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
