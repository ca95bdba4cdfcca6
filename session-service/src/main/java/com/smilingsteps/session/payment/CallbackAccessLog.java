package com.smilingsteps.session.payment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vertx.ext.web.Router;

/**
 * The access-log line for M-Pesa callbacks, with the secret path segment masked. The generic
 * access log excludes these paths ({@code quarkus.http.access-log.exclude-pattern}) because its
 * {@code %U} would print the secret.
 */
@ApplicationScoped
public class CallbackAccessLog {

    static final String MASKED_PATH = MpesaCallbackResource.PATH + "/***";
    private static final Logger ACCESS_LOG = Logger.getLogger("io.quarkus.http.access-log");

    void install(@Observes Router router) {
        router.route(MpesaCallbackResource.PATH + "/*").order(Integer.MIN_VALUE).handler(context -> {
            long started = System.nanoTime();
            context.addEndHandler(ended -> ACCESS_LOG.infof("%s %s %d %d ms rid=%s", context.request().method(),
                    MASKED_PATH, context.response().getStatusCode(), (System.nanoTime() - started) / 1_000_000,
                    context.request().getHeader("X-Request-Id")));
            context.next();
        });
    }
}
