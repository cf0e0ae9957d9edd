package io.stockout.demo.shop;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockout.demo.DemoData;
import io.stockout.demo.DemoSources;

/**
 * The shop's own catalog: its products and its stores, as the shop keeps them whatever Stockout knows. Read from the
 * demo's data files, the same ones the demo loads into Stockout.
 */
@ApplicationScoped
public class ShopCatalog {

    /** A product the shop sells. */
    public record Product(String sku, String name, String category, BigDecimal price) {
    }

    /** A store, with its name and address for the pickup offers. */
    public record Store(String code, String name, String address) {
    }

    private final Map<String, Product> products = new LinkedHashMap<>();
    private final Map<String, Store> stores = new LinkedHashMap<>();

    public ShopCatalog() {
        for (DemoSources.Variant variant : DemoSources.readVariants()) {
            products.put(variant.sku(), new Product(variant.sku(), variant.name(), variant.category(), variant.price()));
        }
        for (DemoSources.Store store : DemoSources.readStores()) {
            String code = DemoData.STORE_PREFIX + store.id();
            stores.put(code, new Store(code, store.name(), store.address() + ", " + store.city() + ", " + store.state() + " "
                    + store.zip()));
        }
    }

    /** Every product, in the catalog's order. */
    public List<Product> products() {
        return List.copyOf(products.values());
    }

    public Optional<Product> product(String sku) {
        return Optional.ofNullable(sku == null ? null : products.get(sku));
    }

    /** The product's name, or the SKU itself for a SKU the shop does not sell. */
    public String name(String sku) {
        Product product = products.get(sku);
        return product == null ? sku : product.name();
    }

    /** The store's name, or its code for a location the shop does not know. */
    public String storeName(String code) {
        Store store = stores.get(code);
        return store == null ? code : store.name();
    }

    /** The store's address; empty for a location the shop does not know. */
    public String address(String code) {
        Store store = stores.get(code);
        return store == null ? "" : store.address();
    }
}
