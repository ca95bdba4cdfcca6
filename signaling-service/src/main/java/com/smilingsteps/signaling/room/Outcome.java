package com.smilingsteps.signaling.room;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What applying one {@link RoomCommand} asks the instances to do. */
public final class Outcome {

    /** A server message for one peer; only the instance holding that peer's socket sends it. */
    public record Delivery(Participant to, ObjectNode message) {
    }

    public record Left(Participant participant, LeaveReason reason, String reportedBy) {
    }

    /** The verdict on a {@link RoomCommand.Join}, audited by the joiner's instance. */
    public record JoinDecision(Participant participant, boolean allowed, String reason) {
    }

    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<Participant> joined = new ArrayList<>();
    private final List<Left> left = new ArrayList<>();
    private final List<Participant> removed = new ArrayList<>();
    private JoinDecision joinDecision;

    void deliver(Participant to, ObjectNode message) {
        deliveries.add(new Delivery(to, message));
    }

    void joined(Participant participant) {
        joined.add(participant);
    }

    void left(Participant participant, LeaveReason reason, String reportedBy) {
        left.add(new Left(participant, reason, reportedBy));
    }

    void removed(Participant participant) {
        removed.add(participant);
    }

    void decide(Participant participant, boolean allowed, String reason) {
        joinDecision = new JoinDecision(participant, allowed, reason);
    }

    public List<Delivery> deliveries() {
        return deliveries;
    }

    /** Participants admitted by this command (ParticipantJoined). */
    public List<Participant> joined() {
        return joined;
    }

    /** Admitted participants that left (ParticipantLeft). */
    public List<Left> left() {
        return left;
    }

    /** Every peer no longer in a room after this command (admitted, waiting or refused). */
    public List<Participant> removed() {
        return removed;
    }

    public JoinDecision joinDecision() {
        return joinDecision;
    }
}
