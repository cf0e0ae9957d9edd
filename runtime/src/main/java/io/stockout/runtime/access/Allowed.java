package io.stockout.runtime.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.stockout.AccessRole;

/**
 * The role an administration endpoint needs, checked by {@link CatalogAccess} before the request is read.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Allowed {

    AccessRole value();

    Scope scope() default Scope.CATALOG;

    enum Scope {
        /** the role on the catalog in the path ({@code {catalog}}) */
        CATALOG,
        /** the role on every catalog: for what all catalogs share */
        ALL_CATALOGS,
        /** the role on at least one catalog; the endpoint decides what of it the key reaches */
        SOME_CATALOG
    }
}
