package io.stockout.deployment;

import java.util.Set;
import java.util.function.BooleanSupplier;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.ExcludedTypeBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceDirectoryBuildItem;
import io.quarkus.hibernate.orm.deployment.spi.AdditionalJpaModelBuildItem;
import io.stockout.StockoutBuildTimeConfig;
import io.stockout.runtime.availability.AvailabilityResource;
import io.stockout.runtime.backorder.BackorderResource;
import io.stockout.runtime.cart.CartResource;
import io.stockout.runtime.catalog.CatalogEntity;
import io.stockout.runtime.health.StockoutReadinessCheck;
import io.stockout.runtime.jobs.HoldExpiry;
import io.stockout.runtime.jobs.PromiseReview;
import io.stockout.runtime.loading.LoadingResource;
import io.stockout.runtime.loading.LoadingService;
import io.stockout.runtime.order.OrderResource;
import io.stockout.runtime.outbox.OutboxResource;
import io.stockout.runtime.problem.StockoutProblemMapper;
import io.stockout.runtime.schema.StockoutSchema;
import io.stockout.runtime.supply.SupplyResource;
import io.stockout.runtime.time.ClockProducer;
import io.stockout.runtime.webhook.DeliverySweep;
import io.stockout.runtime.webhook.WebhookSecretResource;

class StockoutProcessor {

    static final String FEATURE = "stockout";
    private static final String PERSISTENCE_UNIT = "<default>";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** The runtime jar is not in the application's index: without this its endpoints and entities go unseen. */
    @BuildStep
    IndexDependencyBuildItem indexRuntime() {
        return new IndexDependencyBuildItem("io.stockout", "quarkus-stockout");
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(AvailabilityResource.class, CartResource.class, OrderResource.class,
                        LoadingResource.class, LoadingService.class, StockoutProblemMapper.class, StockoutSchema.class,
                        ClockProducer.class, HoldExpiry.class, PromiseReview.class, SupplyResource.class,
                        BackorderResource.class, OutboxResource.class, WebhookSecretResource.class, DeliverySweep.class)
                .setUnremovable()
                .build();
    }

    @BuildStep
    AdditionalJpaModelBuildItem entities() {
        return new AdditionalJpaModelBuildItem(CatalogEntity.class.getName(), Set.of(PERSISTENCE_UNIT));
    }

    @BuildStep
    NativeImageResourceDirectoryBuildItem migrations() {
        return new NativeImageResourceDirectoryBuildItem("db/stockout");
    }

    @BuildStep(onlyIfNot = HealthEnabled.class)
    ExcludedTypeBuildItem withoutReadinessCheck() {
        return new ExcludedTypeBuildItem(StockoutReadinessCheck.class.getName());
    }

    static final class HealthEnabled implements BooleanSupplier {

        private final StockoutBuildTimeConfig config;

        HealthEnabled(StockoutBuildTimeConfig config) {
            this.config = config;
        }

        @Override
        public boolean getAsBoolean() {
            return config.health().enabled();
        }
    }
}
