package com.smilingsteps.deployment;

import static com.smilingsteps.deployment.Repo.list;
import static com.smilingsteps.deployment.Repo.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** infra/k8s: every document parses; Deployments are probed, sized and reachable; HPAs and PDBs point at them. */
class KubernetesManifestsTest {

    private static final String NAMESPACE = "smiling-steps";
    private static final List<Map<String, Object>> DOCUMENTS = new ArrayList<>();

    @BeforeAll
    static void load() {
        for (Path file : Repo.files("infra/k8s", ".yaml")) {
            for (Map<String, Object> document : Repo.yamlDocuments(file)) {
                document.put("__file", Repo.root().relativize(file).toString());
                DOCUMENTS.add(document);
            }
        }
    }

    private static List<Map<String, Object>> kind(String kind) {
        return DOCUMENTS.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private static String name(Map<String, Object> document) {
        return String.valueOf(map(document.get("metadata")).get("name"));
    }

    @Test
    void everyDocumentIsAKubernetesObjectInTheNamespace() {
        assertFalse(DOCUMENTS.isEmpty());
        for (Map<String, Object> document : DOCUMENTS) {
            String where = document.get("__file") + " " + document.get("kind") + "/" + name(document);
            if ("Kustomization".equals(document.get("kind"))) {
                continue;
            }
            assertNotNull(document.get("apiVersion"), where + ": no apiVersion");
            assertNotNull(document.get("kind"), where + ": no kind");
            assertNotNull(map(document.get("metadata")).get("name"), where + ": no name");
            if (!"Namespace".equals(document.get("kind"))) {
                assertEquals(NAMESPACE, map(document.get("metadata")).get("namespace"), where + ": namespace");
            }
        }
    }

    @Test
    void kustomizationListsExistingFilesAndNotTheSecretTemplate() {
        Map<String, Object> kustomization = Repo.yaml("infra/k8s/kustomization.yaml");
        Set<String> resources = new LinkedHashSet<>();
        for (Object resource : list(kustomization.get("resources"))) {
            assertTrue(Files.isRegularFile(Repo.file("infra/k8s/" + resource)), "kustomization names missing " + resource);
            resources.add(String.valueOf(resource));
        }
        assertFalse(resources.contains("secrets.template.yaml"), "the secret template must never be applied as it is");
        for (Path file : Repo.files("infra/k8s", ".yaml")) {
            String fileName = file.getFileName().toString();
            if (!fileName.equals("kustomization.yaml") && !fileName.equals("secrets.template.yaml")) {
                assertTrue(resources.contains(fileName), "kustomization.yaml does not apply " + fileName);
            }
        }
    }

    @Test
    void everyServiceHasADeployment() {
        Set<String> deployments = new LinkedHashSet<>();
        kind("Deployment").forEach(d -> deployments.add(name(d)));
        assertEquals(new LinkedHashSet<>(Repo.SERVICES), deployments);
    }

    @Test
    void deploymentsHaveHealthProbesResourcesAndAMatchingService() {
        for (Map<String, Object> deployment : kind("Deployment")) {
            String name = name(deployment);
            int port = Repo.httpPort(name);
            Map<String, Object> podSpec = map(map(map(deployment.get("spec")).get("template")).get("spec"));
            Map<String, Object> podLabels = map(map(map(map(deployment.get("spec")).get("template")).get("metadata")).get("labels"));
            Map<String, Object> selector = map(map(map(deployment.get("spec")).get("selector")).get("matchLabels"));
            assertFalse(selector.isEmpty(), name + ": no selector");
            selector.forEach((k, v) -> assertEquals(v, podLabels.get(k), name + ": selector does not match the pod labels"));

            List<Object> containers = list(podSpec.get("containers"));
            assertEquals(1, containers.size(), name + ": one container");
            Map<String, Object> container = map(containers.get(0));
            Map<String, Object> ports = map(list(container.get("ports")).get(0));
            assertEquals(port, ports.get("containerPort"), name + ": containerPort");
            assertProbe(name, container, "readinessProbe", "/q/health/ready", ports);
            assertProbe(name, container, "livenessProbe", "/q/health/live", ports);

            Map<String, Object> resources = map(container.get("resources"));
            for (String bound : List.of("requests", "limits")) {
                assertNotNull(map(resources.get(bound)).get("cpu"), name + ": no cpu " + bound);
                assertNotNull(map(resources.get(bound)).get("memory"), name + ": no memory " + bound);
            }

            Map<String, Object> annotations = map(map(map(map(deployment.get("spec")).get("template")).get("metadata")).get("annotations"));
            assertEquals(String.valueOf(port), annotations.get("prometheus.io/port"), name + ": scrape port");
            assertEquals("/q/metrics", annotations.get("prometheus.io/path"), name + ": scrape path");

            List<Map<String, Object>> matching = kind("Service").stream()
                    .filter(s -> selects(map(map(s.get("spec")).get("selector")), podLabels)).toList();
            assertEquals(1, matching.size(), name + ": exactly one Service must select its pods");
            Map<String, Object> service = matching.get(0);
            assertEquals(name, name(service), "Service name for " + name + " (the gateway and JWKS URLs use it)");
            Map<String, Object> servicePort = map(list(map(service.get("spec")).get("ports")).get(0));
            assertEquals(port, servicePort.get("port"), name + ": Service port");
            Object target = servicePort.get("targetPort");
            assertTrue(Objects.equals(target, port) || Objects.equals(target, ports.get("name")), name + ": targetPort " + target);
        }
    }

    private static void assertProbe(String name, Map<String, Object> container, String probe, String path,
            Map<String, Object> port) {
        Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
        assertEquals(path, httpGet.get("path"), name + ": " + probe);
        Object probePort = httpGet.get("port");
        assertTrue(Objects.equals(probePort, port.get("containerPort")) || Objects.equals(probePort, port.get("name")),
                name + ": " + probe + " port " + probePort);
    }

    private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        return !selector.isEmpty() && selector.entrySet().stream().allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
    }

    @Test
    void gatewayAndSignalingAutoscaleAndEveryHpaTargetsADeployment() {
        Set<String> deployments = new LinkedHashSet<>();
        kind("Deployment").forEach(d -> deployments.add(name(d)));
        Set<String> scaled = new LinkedHashSet<>();
        for (Map<String, Object> hpa : kind("HorizontalPodAutoscaler")) {
            Map<String, Object> target = map(map(hpa.get("spec")).get("scaleTargetRef"));
            assertEquals("Deployment", target.get("kind"));
            assertTrue(deployments.contains(String.valueOf(target.get("name"))), "HPA targets missing " + target.get("name"));
            assertTrue((Integer) map(hpa.get("spec")).get("minReplicas") >= 2, "HPA " + name(hpa) + " allows a single pod");
            scaled.add(String.valueOf(target.get("name")));
        }
        assertTrue(scaled.containsAll(List.of("gateway", "signaling-service")), "HPAs: " + scaled);
        for (Map<String, Object> deployment : kind("Deployment")) {
            if (scaled.contains(name(deployment))) {
                assertFalse(map(deployment.get("spec")).containsKey("replicas"),
                        name(deployment) + ": a fixed replica count fights the HPA on every apply");
            }
        }
    }

    /**
     * The gateway resolves each upstream URL's host to its instances and picks among them: behind a
     * virtual IP it would see one instance, kube-proxy would spread a call's two signaling sockets
     * over the pods (every offer then crosses Kafka), and a pod refusing connections could not be
     * marked down.
     */
    @Test
    void theServicesTheGatewayRoutesToAreHeadless() {
        Map<String, Object> config = map(kind("ConfigMap").stream().filter(c -> name(c).equals("smiling-steps-config"))
                .findFirst().orElseThrow().get("data"));
        Set<String> upstreamHosts = new LinkedHashSet<>();
        for (String variable : List.of("SESSION_SERVICE_URL", "SIGNALING_SERVICE_URL", "TURN_SERVICE_URL",
                "NOTIFICATION_SERVICE_URL")) {
            upstreamHosts.add(URI.create(String.valueOf(config.get(variable))).getHost());
        }
        assertTrue(upstreamHosts.contains("signaling-service"), "upstreams: " + upstreamHosts);
        for (String host : upstreamHosts) {
            Map<String, Object> service = kind("Service").stream().filter(s -> name(s).equals(host)).findFirst()
                    .orElseThrow(() -> new AssertionError("no Service " + host));
            assertEquals("None", map(service.get("spec")).get("clusterIP"), host + ": the gateway must see its pods");
        }
    }

    @Test
    void everyDeploymentHasADisruptionBudgetSelectingIt() {
        for (Map<String, Object> deployment : kind("Deployment")) {
            Map<String, Object> podLabels = map(map(map(map(deployment.get("spec")).get("template")).get("metadata")).get("labels"));
            assertTrue(kind("PodDisruptionBudget").stream()
                    .anyMatch(p -> selects(map(map(map(p.get("spec")).get("selector")).get("matchLabels")), podLabels)),
                    name(deployment) + ": no PodDisruptionBudget");
        }
    }

    @Test
    void theIngressRoutesToTheGatewayService() {
        List<Map<String, Object>> ingresses = kind("Ingress");
        assertEquals(1, ingresses.size());
        Map<String, Object> spec = map(ingresses.get(0).get("spec"));
        assertFalse(list(spec.get("tls")).isEmpty(), "the Ingress terminates TLS");
        for (Object rule : list(spec.get("rules"))) {
            for (Object path : list(map(map(rule).get("http")).get("paths"))) {
                assertEquals("gateway", map(map(map(path).get("backend")).get("service")).get("name"));
            }
        }
    }

    @Test
    void environmentComesFromTheConfigMapAndSecretsThatDefineIt() {
        Map<String, Object> config = map(kind("ConfigMap").stream().filter(c -> name(c).equals("smiling-steps-config"))
                .findFirst().orElseThrow().get("data"));
        List<Map<String, Object>> secretTemplates = Repo.yamlDocuments(Repo.file("infra/k8s/secrets.template.yaml"));
        for (Map<String, Object> deployment : kind("Deployment")) {
            String service = name(deployment);
            Map<String, Object> container = map(list(map(map(map(deployment.get("spec")).get("template")).get("spec"))
                    .get("containers")).get(0));
            Set<String> passed = new LinkedHashSet<>();
            for (Object entry : list(container.get("env"))) {
                Map<String, Object> env = map(entry);
                String variable = String.valueOf(env.get("name"));
                passed.add(variable);
                assertTrue(Repo.referencedVariables(service).contains(variable), service + " is passed unused " + variable);
                Map<String, Object> from = map(env.get("valueFrom"));
                if (from.containsKey("configMapKeyRef")) {
                    Object key = map(from.get("configMapKeyRef")).get("key");
                    assertTrue(config.containsKey(String.valueOf(key)), service + ": ConfigMap lacks " + key);
                    if (Repo.variableDefaults(service).containsKey(variable)) {
                        // an empty variable does not fall back to the default in application.properties
                        assertFalse(String.valueOf(config.get(key)).isEmpty(), service + ": ConfigMap leaves " + key + " empty");
                    }
                } else if (from.containsKey("secretKeyRef")) {
                    Map<String, Object> ref = map(from.get("secretKeyRef"));
                    assertTrue(secretTemplates.stream().anyMatch(s -> name(s).equals(ref.get("name"))
                            && map(s.get("stringData")).containsKey(String.valueOf(ref.get("key")))),
                            service + ": secrets.template.yaml lacks " + ref);
                }
            }
            Set<String> missing = new LinkedHashSet<>(Repo.requiredVariables(service));
            missing.removeAll(passed);
            assertTrue(missing.isEmpty(), service + " cannot start without " + missing);
        }
    }
}
