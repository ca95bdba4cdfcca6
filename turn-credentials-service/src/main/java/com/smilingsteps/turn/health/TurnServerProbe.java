package com.smilingsteps.turn.health;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.smilingsteps.turn.credentials.IceUrl;
import com.smilingsteps.turn.credentials.TurnConfig;
import com.smilingsteps.turn.credentials.VideoCallConfigService;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Probes every configured TURN server with a STUN Binding request, on a schedule (for the
 * {@code turn_server_up{server=...}} gauge that alerting watches) and on demand (for the
 * {@code turn} health group).
 */
@ApplicationScoped
public class TurnServerProbe {

    /** The latest probe of one server: up or not, and what was seen. */
    public record Status(boolean up, String detail) {
    }

    private final List<IceUrl> targets;
    private final Duration timeout;
    private final Map<String, Status> latest = new ConcurrentHashMap<>();

    public TurnServerProbe(VideoCallConfigService service, TurnConfig config, MeterRegistry registry) {
        this.targets = service.urls().udpProbeTargets();
        this.timeout = config.health().timeout();
        for (IceUrl target : targets) {
            latest.put(target.endpoint(), new Status(false, "not probed yet"));
            Gauge.builder("turn.server.up", latest, statuses -> statuses.get(target.endpoint()).up() ? 1 : 0)
                    .tag("server", target.endpoint())
                    .description("1 when the TURN server answered the last STUN Binding request, else 0")
                    .register(registry);
        }
    }

    @Scheduled(every = "${turn.health.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledProbe() {
        probeAll();
    }

    /** Probes every server now; keyed by {@code host:port}, in configuration order. */
    public Map<String, Status> probeAll() {
        Map<String, Status> results = new LinkedHashMap<>();
        for (IceUrl target : targets) {
            Status status = probe(target);
            latest.put(target.endpoint(), status);
            results.put(target.endpoint(), status);
        }
        return results;
    }

    private Status probe(IceUrl target) {
        try {
            StunBindingClient.Binding binding = StunBindingClient.bind(
                    new InetSocketAddress(target.hostName(), target.port()), timeout);
            return new Status(true, "STUN Binding answered in " + binding.roundTrip().toMillis() + " ms");
        } catch (StunBindingClient.StunFailure e) {
            return new Status(false, e.getMessage());
        }
    }
}
