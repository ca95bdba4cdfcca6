package com.smilingsteps.contracts;

/** The Kafka topics that cross a service boundary; each has {@code infra/contracts/<topic>.schema.json}. */
public final class Topics {

    public static final String SESSION_EVENTS = "session-events";
    public static final String CALL_EVENTS = "call-events";
    public static final String AUDIT_EVENTS = "audit-events";
    public static final String ACCOUNT_EVENTS = "account-events";
    /** signaling-service instances' liveness, key = instanceId (low traffic: one record per instance every few seconds). */
    public static final String SIGNALING_INSTANCES = "signaling-instances";

    private Topics() {
    }
}
