package io.stockout.demo.shop;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * The demo's front door: a merchant who opens the demo sees the storefront first.
 */
@Path("/")
public class ShopEntrance {

    @GET
    public Response storefront() {
        return Response.seeOther(URI.create("/shop")).build();
    }
}
