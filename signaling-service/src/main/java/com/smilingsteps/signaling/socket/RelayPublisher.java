package com.smilingsteps.signaling.socket;

import org.jboss.logging.Logger;

import com.smilingsteps.signaling.relay.RelayBus;
import com.smilingsteps.signaling.relay.RelayMessage;
import com.smilingsteps.signaling.room.Participant;
import com.smilingsteps.signaling.room.RoomCommand;

/** What this instance puts on the relay topic, each record keyed so that a room's records stay in order. */
final class RelayPublisher {

    private static final Logger LOG = Logger.getLogger(RelayPublisher.class);

    private final String instanceId;
    private final RelayBus bus;

    RelayPublisher(String instanceId, RelayBus bus) {
        this.instanceId = instanceId;
        this.bus = bus;
    }

    /** A membership change; {@code onFailure} runs if Kafka does not take it. */
    void command(RoomCommand command, Runnable onFailure) {
        bus.publish(command.roomId(), new RelayMessage.Command(instanceId, command), failure -> {
            LOG.warnf("room command not published: %s", failure.toString());
            onFailure.run();
        });
    }

    void toPeer(Participant to, String text) {
        bus.publish(to.roomId(), new RelayMessage.ToPeer(instanceId, to.instanceId(), to.peerId(), text), this::lost);
    }

    void toRoom(String roomId, String text) {
        bus.publish(roomId, new RelayMessage.ToRoom(instanceId, roomId, text), this::lost);
    }

    /** Instance-level records (heartbeat, hello, used tickets), keyed by this instance. */
    void fromInstance(RelayMessage message) {
        bus.publish(instanceId, message, this::lost);
    }

    private void lost(Exception failure) {
        LOG.debugf("relayed message lost: %s", failure.toString());
    }
}
