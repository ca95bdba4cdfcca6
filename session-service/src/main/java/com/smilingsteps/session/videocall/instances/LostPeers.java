package com.smilingsteps.session.videocall.instances;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStatus;
import com.smilingsteps.session.videocall.CallConfig;
import com.smilingsteps.session.videocall.CallMetrics;
import com.smilingsteps.session.videocall.PresentPeer;

import io.quarkus.scheduler.Scheduled;

/**
 * Marks as left the peers still recorded in a call room whose signaling instance is gone
 * ({@link LostInstances}): the only instance was killed and nobody else reported them lost. Each
 * session is one conditional update (those peers still present), so with two replicas one of them
 * changes it; the update that empties the room stamps {@code emptySince} with the instance's last
 * record, and {@code CallLifecycleJob} then completes the call as abandoned, first join to then.
 */
@ApplicationScoped
public class LostPeers {

    private static final Logger LOG = Logger.getLogger(LostPeers.class);
    private static final int BATCH = 500;
    /** Instances unheard this long are forgotten: their peers were judged long before. */
    private static final Duration FORGET_AFTER = Duration.ofDays(7);

    private final InstanceListener listener;
    private final CallMetrics metrics;
    private final Duration timeout;

    LostPeers(InstanceListener listener, CallMetrics metrics, CallConfig config) {
        this.listener = listener;
        this.metrics = metrics;
        this.timeout = config.instanceTimeout();
    }

    @Scheduled(every = "${call.check-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        markLeft(Instant.now());
    }

    /** Marks every recorded peer gone with its instance as left; returns how many this call marked. */
    public int markLeft(Instant now) {
        SignalingInstance.collection().deleteMany(Filters.lt("lastHeardAt", now.minus(FORGET_AFTER)));
        Map<String, SignalingInstance> instances = new HashMap<>();
        SignalingInstance.collection().find().forEach(instance -> instances.put(instance.id, instance));
        LostInstances lost = new LostInstances(instances, listener.listeningSince(), listener.caughtUpAt(), timeout);
        List<Bson> suspects = new ArrayList<>();
        for (SignalingInstance instance : instances.values()) {
            // its peers: all of them once it is gone, else those of an earlier run of its id
            Bson peers = lost.gone(instance) ? Filters.eq("instanceId", instance.id)
                    : Filters.and(Filters.eq("instanceId", instance.id), Filters.lt("joinedAt", instance.startedAt));
            suspects.add(Filters.elemMatch("attendance.peers", peers));
        }
        if (suspects.isEmpty()) {
            return 0;
        }
        int marked = 0;
        int sessions = 0;
        Bson open = Filters.in("status", SessionStatus.IN_PROGRESS, SessionStatus.CONFIRMED);
        for (Session session : Session.collection().find(Filters.and(open, Filters.or(suspects))).limit(BATCH)) {
            int left = markLeft(session, lost);
            marked += left;
            sessions += left > 0 ? 1 : 0;
        }
        if (marked > 0) {
            metrics.peersLost(marked);
            LOG.infof("%d peer(s) in %d call room(s) marked left: their signaling instance is gone", marked, sessions);
        }
        return marked;
    }

    private static int markLeft(Session session, LostInstances lost) {
        List<String> gone = new ArrayList<>();
        Instant lastLeft = session.attendance.lastLeaveAt;
        for (PresentPeer peer : session.attendance.peers) {
            Instant left = lost.leftAt(peer.instanceId, peer.joinedAt);
            if (left != null && session.attendance.present != null && session.attendance.present.contains(peer.peerId)) {
                gone.add(peer.peerId);
                lastLeft = lastLeft == null || left.isAfter(lastLeft) ? left : lastLeft;
            }
        }
        if (gone.isEmpty()) {
            return 0;
        }
        Bson stillThere = Filters.and(Filters.eq("_id", session.id), Filters.all("attendance.present", gone));
        List<Bson> changes = List.of(Updates.pullAll("attendance.present", gone),
                Updates.pullByFilter(new Document("attendance.peers", new Document("peerId", new Document("$in", gone)))),
                Updates.max("attendance.lastLeaveAt", lastLeft));
        // nobody else there: the room is empty since the last of them (or anyone before) left
        List<Bson> emptying = new ArrayList<>(changes);
        emptying.add(Updates.set("attendance.emptySince", lastLeft));
        if (apply(Filters.and(stillThere, Filters.size("attendance.present", gone.size())), emptying)
                || apply(stillThere, changes)) {
            return gone.size();
        }
        return 0;
    }

    private static boolean apply(Bson condition, List<Bson> changes) {
        return Session.collection().updateOne(condition, Updates.combine(changes)).getModifiedCount() > 0;
    }
}
