package io.stockout.deployment.devui;

import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import io.quarkus.vertx.http.deployment.HttpRootPathBuildItem;
import io.quarkus.vertx.http.deployment.NonApplicationRootPathBuildItem;
import io.stockout.StockoutBuildTimeConfig;
import io.stockout.deployment.ConsoleProcessor;
import io.stockout.runtime.devui.StockoutJsonRpcService;

/**
 * Stockout's card in the Dev UI: the catalogs with their toggles, an availability form, and links to the merchant
 * console and to the OpenAPI document.
 */
class StockoutDevUIProcessor {

    private static final String OPENAPI_PATH_KEY = "quarkus.smallrye-openapi.path";
    private static final String OPENAPI_PATH = "openapi";

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    CardPageBuildItem card(HttpRootPathBuildItem httpRoot, NonApplicationRootPathBuildItem nonApplicationRoot,
            Capabilities capabilities, StockoutBuildTimeConfig config) {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addPage(Page.webComponentPageBuilder()
                .title("Catalogs")
                .icon("font-awesome-solid:toggle-on")
                .componentLink("qwc-stockout-catalogs.js"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Availability")
                .icon("font-awesome-solid:boxes-stacked")
                .componentLink("qwc-stockout-availability.js"));

        // an application that leaves the console out gets no link to it (the card's pages read an empty URL as none)
        String console = config.console().enabled()
                ? httpRoot.resolvePath(ConsoleProcessor.consolePath(config.console().path()).substring(1))
                : "";
        card.addBuildTimeData("consoleUrl", console);
        if (!console.isEmpty()) {
            card.addPage(Page.externalPageBuilder("Merchant console")
                    .icon("font-awesome-solid:store")
                    .url(console, console)
                    .doNotEmbed());
        }

        openApiUrl(nonApplicationRoot, capabilities).ifPresent(openApi -> {
            card.addBuildTimeData("openApiUrl", openApi);
            card.addPage(Page.externalPageBuilder("OpenAPI document")
                    .icon("font-awesome-solid:file-code")
                    .url(openApi + "?format=json", openApi + "?format=json")
                    .isJsonContent());
        });
        return card;
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    JsonRPCProvidersBuildItem jsonRpc() {
        return new JsonRPCProvidersBuildItem(StockoutJsonRpcService.class);
    }

    /** The OpenAPI document exists only when the application has SmallRye OpenAPI. */
    static Optional<String> openApiUrl(NonApplicationRootPathBuildItem nonApplicationRoot, Capabilities capabilities) {
        if (!capabilities.isPresent(Capability.SMALLRYE_OPENAPI)) {
            return Optional.empty();
        }
        String path = ConfigProvider.getConfig().getOptionalValue(OPENAPI_PATH_KEY, String.class).orElse(OPENAPI_PATH);
        return Optional.of(nonApplicationRoot.resolvePath(path));
    }
}
