package io.stockout.runtime.segment;

import static io.stockout.LifeCycleStage.DECLINE;
import static io.stockout.LifeCycleStage.END_OF_LIFE;
import static io.stockout.LifeCycleStage.GROWTH;
import static io.stockout.LifeCycleStage.INTRODUCTION;
import static io.stockout.LifeCycleStage.MATURITY;
import static io.stockout.OutOfStockPolicy.BACKORDER;
import static io.stockout.OutOfStockPolicy.NONE;
import static io.stockout.OutOfStockPolicy.PICKUP_ONLY;
import static io.stockout.OutOfStockPolicy.SUBSTITUTE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.stockout.LifeCycleStage;
import io.stockout.OutOfStockPolicy;
import io.stockout.runtime.segment.SegmentRule.Conditions;

class SegmenterTest {

    /** Suppliers are judged from their fourth measured delivery. */
    private final Segmenter segmenter = new Segmenter(4);

    /** A mature SKU, kept in stock, with a 7-day lead time from a supplier on time 95 % of 20 deliveries. */
    private static SkuInputs tent() {
        return new SkuInputs(MATURITY, false, 0.3, 0.2, 7, "ACME", 20, 0.95);
    }

    private static SkuInputs with(LifeCycleStage stage, boolean madeToOrder, Integer leadTimeDays, String supplier,
            int deliveries, Double onTimeShare) {
        return new SkuInputs(stage, madeToOrder, null, null, leadTimeDays, supplier, deliveries, onTimeShare);
    }

    private static Conditions when() {
        return new Conditions(null, null, null, null, null, null, null, null, null, null, null);
    }

    private static SegmentRule rule(String name, Conditions when, OutOfStockPolicy action) {
        return new SegmentRule(name, when, action);
    }

    private Assignment byRules(SkuInputs sku, SegmentRule... rules) {
        return segmenter.assign(sku, null, List.of(rules), false);
    }

    @Test
    void aPinWinsOverEveryRule() {
        Assignment assignment = segmenter.assign(tent(), PICKUP_ONLY, List.of(rule("all", null, BACKORDER)), false);

        assertThat(assignment).isEqualTo(new Assignment(PICKUP_ONLY, PolicySource.PIN, null,
                "Pinned to PICKUP_ONLY by the merchant"));
    }

    @Test
    void theFirstMatchingRuleWinsWhateverMatchesAfterIt() {
        SegmentRule mature = rule("mature", new Conditions(List.of(MATURITY), null, null, null, null, null, null, null,
                null, null, null), SUBSTITUTE);
        SegmentRule everything = rule("everything", null, BACKORDER);

        assertThat(byRules(tent(), mature, everything).policy()).isEqualTo(SUBSTITUTE);
        assertThat(byRules(tent(), everything, mature).policy()).isEqualTo(BACKORDER);
        assertThat(byRules(tent(), everything, mature).rule()).isEqualTo("everything");
    }

    @Test
    void aRuleMatchesOnlyWhenEveryConditionHolds() {
        Conditions matureAndShort = new Conditions(List.of(MATURITY), null, null, null, 5, null, null, null, null, null,
                null);

        assertThat(byRules(tent(), rule("mature-and-short", matureAndShort, BACKORDER)).source())
                .as("mature, but 7 days is not within 5")
                .isEqualTo(PolicySource.NO_RULE);
    }

    @Test
    void aStageConditionMatchesTheStagesListedAndNoStageAtAll() {
        SegmentRule young = rule("young", new Conditions(List.of(INTRODUCTION, GROWTH), null, null, null, null, null, null,
                null, null, null, null), BACKORDER);

        assertThat(byRules(with(GROWTH, false, 7, null, 0, null), young).reason())
                .isEqualTo("Rule 1 'young': stage GROWTH is one of [INTRODUCTION, GROWTH]");
        assertThat(byRules(with(MATURITY, false, 7, null, 0, null), young).policy()).isEqualTo(NONE);
        assertThat(byRules(with(null, false, 7, null, 0, null), young).policy()).as("no stage given").isEqualTo(NONE);
    }

    @ParameterizedTest(name = "on time {0} against at least {1}, at most {2}: matches {3}")
    @CsvSource(nullValues = "-", value = {"0.95, 0.9, -, true", "0.9, 0.9, -, true", "0.899, 0.9, -, false",
            "0.5, -, 0.6, true", "0.6, -, 0.6, true", "0.61, -, 0.6, false", "0.7, 0.6, 0.8, true",
            "0.85, 0.6, 0.8, false"})
    void onTimeShareBoundsIncludeTheirLimits(double share, Double atLeast, Double atMost, boolean matches) {
        SkuInputs sku = with(MATURITY, false, 7, "ACME", 10, share);
        SegmentRule rule = rule("share", new Conditions(null, atLeast, atMost, null, null, null, null, null, null, null,
                null), BACKORDER);

        assertThat(byRules(sku, rule).source() == PolicySource.RULE).isEqualTo(matches);
    }

    @Test
    void aSupplierWithTooFewDeliveriesHasNoOnTimeShareYet() {
        SegmentRule reliable = rule("reliable", new Conditions(null, 0.9, null, null, null, null, null, null, null, null,
                null), BACKORDER);
        SegmentRule unknown = rule("unknown", new Conditions(null, null, null, null, null, null, null, null, null, null,
                true), SUBSTITUTE);

        Assignment threeOnTime = byRules(with(MATURITY, false, 7, "NEWCO", 3, 1.0), reliable, unknown);
        Assignment fourOnTime = byRules(with(MATURITY, false, 7, "NEWCO", 4, 1.0), reliable, unknown);

        assertThat(threeOnTime.policy()).isEqualTo(SUBSTITUTE);
        assertThat(threeOnTime.reason())
                .isEqualTo("Rule 2 'unknown': supplier NEWCO unknown: 3 measured deliveries, 4 needed to judge it");
        assertThat(fourOnTime.policy()).isEqualTo(BACKORDER);
        assertThat(fourOnTime.reason()).isEqualTo("Rule 1 'reliable': on-time share of supplier NEWCO 1 >= 0.9");
    }

    @Test
    void unknownSupplierMatchesASkuWithoutSupplierAndItsOppositeAKnownOne() {
        SegmentRule unknown = rule("unknown", new Conditions(null, null, null, null, null, null, null, null, null, null,
                true), SUBSTITUTE);
        SegmentRule known = rule("known", new Conditions(null, null, null, null, null, null, null, null, null, null,
                false), BACKORDER);

        assertThat(byRules(with(MATURITY, false, 7, null, 0, null), unknown).reason())
                .isEqualTo("Rule 1 'unknown': no supplier named");
        assertThat(byRules(tent(), unknown).policy()).isEqualTo(NONE);
        assertThat(byRules(tent(), known).reason()).isEqualTo("Rule 1 'known': supplier ACME known from 20 deliveries");
        assertThat(byRules(with(MATURITY, false, 7, null, 0, null), known).policy()).isEqualTo(NONE);
    }

    @ParameterizedTest(name = "lead time {0} against at least {1}, at most {2}: matches {3}")
    @CsvSource(nullValues = "-", value = {"7, -, 14, true", "14, -, 14, true", "15, -, 14, false", "60, 60, -, true",
            "59, 60, -, false", "-, -, 14, false", "-, 60, -, false"})
    void leadTimeBoundsIncludeTheirLimitsAndAnUnknownLeadTimeMeetsNone(Integer lead, Integer atLeast, Integer atMost,
            boolean matches) {
        SkuInputs sku = with(MATURITY, false, lead, null, 0, null);
        SegmentRule rule = rule("lead", new Conditions(null, null, null, atLeast, atMost, null, null, null, null, null,
                null), BACKORDER);

        assertThat(byRules(sku, rule).source() == PolicySource.RULE).isEqualTo(matches);
    }

    @Test
    void makeToOrderMatchesTheFlagEitherWay() {
        SegmentRule made = rule("made", new Conditions(null, null, null, null, null, true, null, null, null, null, null),
                BACKORDER);
        SegmentRule stocked = rule("stocked", new Conditions(null, null, null, null, null, false, null, null, null, null,
                null), SUBSTITUTE);

        assertThat(byRules(with(null, true, null, null, 0, null), made, stocked).reason())
                .isEqualTo("Rule 1 'made': made to order");
        assertThat(byRules(with(null, false, null, null, 0, null), made, stocked).reason())
                .isEqualTo("Rule 2 'stocked': not made to order");
    }

    @Test
    void marginAndHoldingCostBoundsNeedTheSkusValues() {
        SegmentRule thin = rule("thin-margin", new Conditions(null, null, null, null, null, null, null, 0.1, null, null,
                null), SUBSTITUTE);
        SegmentRule costly = rule("costly-to-hold", new Conditions(null, null, null, null, null, null, null, null, 0.25,
                null, null), BACKORDER);
        SegmentRule cheap = rule("cheap-to-hold", new Conditions(null, null, null, null, null, null, 0.2, null, null, 0.1,
                null), PICKUP_ONLY);

        assertThat(byRules(new SkuInputs(MATURITY, false, 0.05, 0.3, 7, null, 0, null), thin, costly).reason())
                .isEqualTo("Rule 1 'thin-margin': margin 0.05 <= 0.1");
        assertThat(byRules(new SkuInputs(MATURITY, false, 0.4, 0.3, 7, null, 0, null), thin, costly).reason())
                .isEqualTo("Rule 2 'costly-to-hold': holding cost 0.3 >= 0.25");
        assertThat(byRules(new SkuInputs(MATURITY, false, 0.4, 0.05, 7, null, 0, null), cheap).reason())
                .isEqualTo("Rule 1 'cheap-to-hold': margin 0.4 >= 0.2, holding cost 0.05 <= 0.1");
        assertThat(byRules(new SkuInputs(MATURITY, false, null, null, 7, null, 0, null), thin, costly, cheap).policy())
                .as("no margin and no holding cost given")
                .isEqualTo(NONE);
    }

    @Test
    void whenNoRuleMatchesNothingIsOfferedAndTheReasonListsTheInputs() {
        SegmentRule eol = rule("eol", new Conditions(List.of(END_OF_LIFE), null, null, null, null, null, null, null, null,
                null, null), SUBSTITUTE);

        Assignment assignment = byRules(tent(), eol);

        assertThat(assignment.policy()).isEqualTo(NONE);
        assertThat(assignment.source()).isEqualTo(PolicySource.NO_RULE);
        assertThat(assignment.rule()).isNull();
        assertThat(assignment.reason()).isEqualTo("No rule matched (stage MATURITY, not made to order, lead time 7 days,"
                + " supplier ACME on time 0.95 of 20 deliveries, margin 0.3, holding cost 0.2), so nothing is offered for"
                + " missing units");
    }

    @Test
    void aRuleWithoutConditionsMatchesEverySku() {
        Assignment assignment = byRules(with(null, false, null, null, 0, null), rule("rest", when(), SUBSTITUTE));

        assertThat(assignment.reason()).isEqualTo("Rule 1 'rest': applies to every SKU that no rule before it matched");
    }

    /** The default rules, as a merchant reads them in the guide. */
    @ParameterizedTest(name = "{0}: {8} by {9}")
    @CsvSource(nullValues = "-", value = {
            // what,                              stage,      made,  lead, supplier, deliveries, share, policy, rule
            "end of life with a good supplier,    END_OF_LIFE, false, 7,   ACME,     20, 1.0,  SUBSTITUTE, end-of-life",
            "made to order with a long lead,      MATURITY,    true,  90,  -,        0,  -,    BACKORDER, made-to-order",
            "reliable supplier and short lead,    GROWTH,      false, 14,  ACME,     20, 0.9,  BACKORDER, reliable-short-lead",
            "reliable supplier but 15 days,       MATURITY,    false, 15,  ACME,     20, 0.95, BACKORDER_OR_SUBSTITUTE, otherwise",
            "unreliable supplier and short lead,  MATURITY,    false, 7,   ACME,     20, 0.6,  BACKORDER_OR_SUBSTITUTE, otherwise",
            "new supplier and short lead,         INTRODUCTION, false, 7,  NEWCO,    2,  1.0,  BACKORDER_OR_SUBSTITUTE, otherwise",
            "declining and reliable short lead,   DECLINE,     false, 7,   ACME,     20, 0.95, BACKORDER, reliable-short-lead",
            "declining with an unreliable one,    DECLINE,     false, 7,   ACME,     20, 0.5,  SUBSTITUTE, declining",
            "a lead time of 60 days,              MATURITY,    false, 60,  ACME,     20, 0.99, SUBSTITUTE, very-long-lead",
            "nothing known,                       -,           false, -,   -,        0,  -,    BACKORDER_OR_SUBSTITUTE, otherwise"})
    void theDefaultRules(String what, LifeCycleStage stage, boolean madeToOrder, Integer lead, String supplier,
            int deliveries, Double share, OutOfStockPolicy policy, String rule) {
        Assignment assignment = segmenter.assign(with(stage, madeToOrder, lead, supplier, deliveries, share), null,
                DefaultRules.RULES, true);

        assertThat(assignment.policy()).as(what).isEqualTo(policy);
        assertThat(assignment.rule()).as(what).isEqualTo(rule);
        assertThat(assignment.source()).isEqualTo(PolicySource.DEFAULT_RULE);
        assertThat(assignment.reason()).startsWith("Default rule ").contains("'" + rule + "'");
    }

    @Test
    void theDefaultRulesEndWithOneThatMatchesEverySku() {
        assertThat(DefaultRules.RULES.get(DefaultRules.RULES.size() - 1).matchesEverySku()).isTrue();
        assertThat(RuleChecks.check(DefaultRules.RULES)).as("the defaults pass the checks merchants' rules do")
                .isEqualTo(DefaultRules.RULES);
    }

    @Test
    void aReasonShowsTheValuesThatMet() {
        Assignment assignment = segmenter.assign(with(MATURITY, false, 7, "ACME", 20, 0.95), null, DefaultRules.RULES,
                true);

        assertThat(assignment.reason()).isEqualTo(
                "Default rule 3 'reliable-short-lead': on-time share of supplier ACME 0.95 >= 0.9, lead time 7 days <= 14");
        assertThat(segmenter.assign(with(DECLINE, false, 30, "ACME", 20, 0.5), null, DefaultRules.RULES, true).reason())
                .isEqualTo("Default rule 4 'declining': stage DECLINE");
    }
}
