package io.stockout.demo.shop;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.stockout.demo.shop.ShopSessions.Visitor;

/**
 * The framework's refusals on the shop's paths come without a body: an address the shop does not have (404), a method a
 * page does not take (405), an answer type or a body type it does not handle (406, 415), a form that cannot be read
 * (400). A shopper gets the shop's own page instead, with the status, a short message and a way back to the products.
 * Answers that have a body, and every answer on other paths (Stockout's API among them), are left as they are.
 */
public class ShopRefusals {

    private static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    private final ShopSessions sessions;

    @Inject
    public ShopRefusals(ShopSessions sessions) {
        this.sessions = sessions;
    }

    /** What a refusal says to a shopper. */
    record Words(String heading, String message) {

        static Words of(int status) {
            return switch (status) {
                case 400 -> new Words("Request not understood", "That request could not be read, so nothing was changed.");
                case 404 -> new Words("Page not found", "The shop has no page at this address.");
                case 405 -> new Words("Not possible here",
                        "This address does not take that kind of request, so nothing was changed.");
                case 406 -> new Words("Page not available", "This page is only shown as a web page.");
                case 415 -> new Words("Form not understood",
                        "That request was sent in a form the shop does not read, so nothing was changed.");
                default -> new Words("Request not taken", "The shop could not take that request, so nothing was changed.");
            };
        }
    }

    @ServerResponseFilter
    public void shopPage(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || status >= 500 || response.hasEntity() || !inShop(request.getUriInfo().getPath())) {
            return;
        }
        Cookie cookie = request.getCookies().get(ShopSessions.COOKIE);
        // a refusal keeps nothing: a visitor without a session stays without one
        Visitor visitor = sessions.visitor(cookie == null ? null : cookie.getValue());
        Words words = Words.of(status);
        String page = ShopResource.Templates
                .problem(ShopResource.page(visitor, words.heading(), "/shop", null), words.heading(), words.message(),
                        "/shop")
                .render();
        response.setEntity(page, null, HTML);
        response.getHeaders().add(HttpHeaders.SET_COOKIE, ShopResource.cookie(visitor));
    }

    static boolean inShop(String path) {
        return path.equals("/shop") || path.startsWith("/shop/");
    }
}
