package com.smilingsteps.session.web;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.smilingsteps.contracts.AuditEvent;
import com.smilingsteps.kit.web.ClientAddresses;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;

/** Who is calling and from where, for access decisions and the audit log. */
@RequestScoped
public class Caller {

    private final JsonWebToken jwt;
    private final CurrentVertxRequest currentRequest;
    private final ClientAddresses clientAddresses;

    public Caller(JsonWebToken jwt, CurrentVertxRequest currentRequest, ClientAddresses clientAddresses) {
        this.jwt = jwt;
        this.currentRequest = currentRequest;
        this.clientAddresses = clientAddresses;
    }

    public boolean authenticated() {
        return jwt != null && jwt.getSubject() != null;
    }

    public String userId() {
        return authenticated() ? jwt.getSubject() : AuditEvent.ANONYMOUS;
    }

    /** The caller's single role (client, psychologist, admin), or empty when anonymous. */
    public String role() {
        if (!authenticated() || jwt.getGroups() == null || jwt.getGroups().isEmpty()) {
            return AuditEvent.NO_ROLE;
        }
        return jwt.getGroups().iterator().next();
    }

    public boolean isAdmin() {
        return authenticated() && jwt.getGroups() != null && jwt.getGroups().contains("admin");
    }

    /** The caller's address by the kit's client-address rule ({@code client-address.trusted-proxies}). */
    public String clientIp() {
        return clientAddresses.of(request());
    }

    /** True when the browser reached us over TLS (the gateway's X-Forwarded-Proto, by the same rule). */
    public boolean overTls() {
        return clientAddresses.overTls(request());
    }

    public String path() {
        HttpServerRequest request = request();
        return request == null ? null : request.path();
    }

    private HttpServerRequest request() {
        return currentRequest.getCurrent() == null ? null : currentRequest.getCurrent().request();
    }
}
