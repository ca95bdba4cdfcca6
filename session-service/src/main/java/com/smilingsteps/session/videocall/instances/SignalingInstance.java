package com.smilingsteps.session.videocall.instances;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonId;

import com.mongodb.client.MongoCollection;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * What session-service heard of one signaling instance on {@code signaling-instances}: one document
 * per instance id, every field only ever raised ({@code $max}), so replicas that both heard a
 * record, or heard them in different orders, write the same document.
 */
@MongoEntity(collection = "signaling_instances")
public class SignalingInstance extends PanacheMongoEntityBase {

    @BsonId
    public String id;
    /** The start of the instance's latest run (an instance id may be reused by the next run). */
    public Instant startedAt;
    /** The latest record's own time (signaling's clock, as its call-events): when its peers are taken to have left. */
    public Instant lastRecordAt;
    /** When a session-service replica last read a record of it (session-service's clock): what silence is judged by. */
    public Instant lastHeardAt;
    /** When it said it stopped (a stop of an earlier run is older than {@code startedAt}). */
    public Instant stoppedAt;

    public SignalingInstance() {
    }

    public static MongoCollection<SignalingInstance> collection() {
        return mongoCollection();
    }

    SignalingInstance(String id, Instant startedAt, Instant lastRecordAt, Instant lastHeardAt, Instant stoppedAt) {
        this.id = id;
        this.startedAt = startedAt;
        this.lastRecordAt = lastRecordAt;
        this.lastHeardAt = lastHeardAt;
        this.stoppedAt = stoppedAt;
    }
}
