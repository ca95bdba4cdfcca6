package com.smilingsteps.session.audit;

import java.time.Clock;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.smilingsteps.contracts.AuditEvent;
import com.smilingsteps.kit.audit.AccessDecision;
import com.smilingsteps.kit.audit.DecisionAggregator;
import com.smilingsteps.session.web.Caller;

import io.quarkus.scheduler.Scheduled;

/**
 * Writes session-service's own access decisions (and other services' events) to {@code audit_log}.
 * Its own decisions take the same shape as every other service's ({@link AccessDecision}); they
 * are stored directly instead of travelling through {@code audit-events}. With {@code
 * audit.aggregate-denials-within} set (production: 10 s), identical denials repeated within the
 * window (an anonymous flood of wrong callback secrets) become one record plus one with the count
 * and first/last seen, through the service kit's {@link DecisionAggregator}, as the other services'
 * AuditPublisher does.
 */
@ApplicationScoped
public class AuditLog {

    public static final String SERVICE = "session-service";
    public static final String ALLOWED = AuditEvent.ALLOWED;
    public static final String DENIED = AuditEvent.DENIED;

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final Caller caller;
    private final DecisionAggregator aggregator;

    public AuditLog(Caller caller, AuditLogConfig config) {
        this.caller = caller;
        this.aggregator = new DecisionAggregator(config.aggregateDenialsWithin(), config.aggregateMaxKinds(),
                Clock.systemUTC());
    }

    public void allowed(String action, String resource, String sessionId, String reason) {
        decision(action, resource, sessionId, ALLOWED, reason, null);
    }

    public void denied(String action, String resource, String sessionId, String reason) {
        decision(action, resource, sessionId, DENIED, reason, null);
    }

    /** A decision about the current request's caller. */
    public void decision(String action, String resource, String sessionId, String outcome, String reason,
            Map<String, Object> details) {
        record(caller.userId(), caller.role(), caller.clientIp(), action, resource, sessionId, outcome, reason, details);
    }

    /** A decision about an explicitly named actor (system jobs, callbacks, logins before a token exists). */
    public void record(String actor, String role, String clientIp, String action, String resource, String sessionId,
            String outcome, String reason, Map<String, Object> details) {
        AccessDecision decision = new AccessDecision(sessionId, actor, role, action, resource, ALLOWED.equals(outcome),
                reason, clientIp, details);
        if (aggregator.admit(decision)) {
            store(decision);
        }
    }

    /** The counts of the aggregation windows closed by now. */
    @Scheduled(every = "${audit.aggregate-flush-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void storeClosedAggregates() {
        aggregator.drain().forEach(this::store);
    }

    @PreDestroy
    void storeOpenAggregates() {
        try {
            aggregator.drainAll().forEach(this::store);
        } catch (RuntimeException e) {
            LOG.warnf("open denial counts not stored at shutdown: %s", e.getClass().getSimpleName());
        }
    }

    private void store(AccessDecision decision) {
        store(AuditRecord.of(decision.toEvent(SERVICE)));
    }

    /** Appends; a record whose id is already stored (a redelivered event) is left as it is. */
    public boolean store(AuditRecord entry) {
        try {
            entry.persist();
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
