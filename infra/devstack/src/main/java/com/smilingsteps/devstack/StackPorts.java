package com.smilingsteps.devstack;

import com.smilingsteps.infra.embedded.FreePorts;

/** Every port the dev stack binds on loopback. */
public record StackPorts(int gateway, int session, int signaling, int turnCredentials, int notification,
        int mongo, int kafka, int kafkaController, int smtp, int pop3, int imap, int turn, int relayMin, int relayMax) {

    /** The documented ports: the SPA on 8080, services on 8081-8084, GreenMail on its usual ports. */
    public static StackPorts defaults() {
        return new StackPorts(8080, 8081, 8082, 8083, 8084, 27017, 9092, 9093, 3025, 3110, 3143, 3478, 49160, 49200);
    }

    /** Free ports everywhere, for a stack started by a test next to a running dev stack. */
    public static StackPorts free() {
        int turn = FreePorts.next();
        int relayMin = 50000 + (turn % 1000) * 10;
        return new StackPorts(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                turn, relayMin, relayMin + 9);
    }
}
