package com.smilingsteps.session.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;

/** Who is calling and from where, for access decisions and the audit log. */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken jwt;

    @Inject
    CurrentVertxRequest currentRequest;

    public boolean authenticated() {
        return jwt != null && jwt.getSubject() != null;
    }

    public String userId() {
        return authenticated() ? jwt.getSubject() : "anonymous";
    }

    /** The caller's single role (client, psychologist, admin), or empty when anonymous. */
    public String role() {
        if (!authenticated() || jwt.getGroups() == null || jwt.getGroups().isEmpty()) {
            return "";
        }
        return jwt.getGroups().iterator().next();
    }

    public boolean isAdmin() {
        return authenticated() && jwt.getGroups() != null && jwt.getGroups().contains("admin");
    }

    /** First X-Forwarded-For value (set by the gateway), else the socket's remote address. */
    public String clientIp() {
        HttpServerRequest request = request();
        if (request == null) {
            return null;
        }
        return ClientIp.of(request.getHeader("X-Forwarded-For"),
                request.remoteAddress() == null ? null : request.remoteAddress().host());
    }

    public String path() {
        HttpServerRequest request = request();
        return request == null ? null : request.path();
    }

    private HttpServerRequest request() {
        return currentRequest.getCurrent() == null ? null : currentRequest.getCurrent().request();
    }
}
