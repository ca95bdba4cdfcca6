package com.smilingsteps.gateway.routing;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.smilingsteps.gateway.GatewayConfig;
import com.smilingsteps.gateway.routing.RouteTable.Upstream;
import com.smilingsteps.gateway.routing.UpstreamPool.Instance;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * The instance pools of the four upstream services. Host names are resolved again every few
 * seconds on a worker thread, so instances added by scaling (several DNS answers for one
 * docker-compose or Kubernetes service name) join the rotation without a restart.
 */
@ApplicationScoped
public class Upstreams {

    private static final Logger LOG = Logger.getLogger(Upstreams.class);
    private static final long DOWN_FOR_NANOS = 5_000_000_000L;

    private final GatewayConfig config;
    private final Map<Upstream, UpstreamPool> pools = new EnumMap<>(Upstream.class);
    private final Map<Upstream, List<URI>> configured = new EnumMap<>(Upstream.class);

    Upstreams(GatewayConfig config) {
        this.config = config;
        configured.put(Upstream.SESSION, config.upstreams().session());
        configured.put(Upstream.SIGNALING, config.upstreams().signaling());
        configured.put(Upstream.TURN, config.upstreams().turn());
        configured.put(Upstream.NOTIFICATION, config.upstreams().notification());
        configured.forEach((upstream, uris) -> {
            UpstreamPool pool = new UpstreamPool(upstream.name().toLowerCase(), DOWN_FOR_NANOS, System::nanoTime);
            pool.replaceInstances(resolve(uris));
            pools.put(upstream, pool);
        });
    }

    void scheduleRefresh(@Observes StartupEvent event, Vertx vertx) {
        vertx.setPeriodic(config.upstreamRefresh().toMillis(), id -> vertx.executeBlocking(() -> {
            configured.forEach((upstream, uris) -> pools.get(upstream).replaceInstances(resolve(uris)));
            return null;
        }, false));
    }

    public UpstreamPool pool(Upstream upstream) {
        return pools.get(upstream);
    }

    static List<Instance> resolve(List<URI> uris) {
        List<Instance> instances = new ArrayList<>();
        for (URI uri : uris) {
            int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
            try {
                for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                    instances.add(new Instance(address.getHostAddress(), port));
                }
            } catch (UnknownHostException e) {
                LOG.warnf("upstream host %s does not resolve (yet)", uri.getHost());
            }
        }
        return instances;
    }
}
