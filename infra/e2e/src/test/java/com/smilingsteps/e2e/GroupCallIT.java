package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A real group call in Chromium with fake devices: one psychologist and three clients, each
 * having booked and paid their own seat. The psychologist admits each client from the waiting
 * room; every participant decodes video from every other (a full mesh of 4); one client leaves
 * and rejoins from the dashboard, and afterwards everyone again has exactly three remote
 * participants, peer connections and videos: no ghost.
 */
@ExtendWith(StackExtension.class)
class GroupCallIT {

    private static final Duration CONNECT = Duration.ofSeconds(90);
    private static final int CLIENTS = 3;

    @Test
    void onePsychologistAndThreeClientsAllSeeEachOtherAndARejoinLeavesNoGhost(StackExtension.Harness harness) {
        Api api = harness.api();
        Api.Account admin = harness.stack().admin();
        Api.Account psychologistAccount = api.newPsychologist(admin, "Dr Group");
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("title", "Exam stress circle");
        group.put("capacity", CLIENTS);
        group.put("sessionDate", Instant.now().plus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.SECONDS).toString());
        group.put("psychologistId", psychologistAccount.id());
        String id = api.post("/api/group-sessions", admin.token(), group).path("id").asText();

        List<Api.Account> clientAccounts = new ArrayList<>();
        for (int i = 1; i <= CLIENTS; i++) {
            Api.Account client = api.newClient("Group client " + i);
            api.post("/api/group-sessions/" + id + "/seats", client.token(), Map.of());
            payOwnSeat(api, client, id);
            clientAccounts.add(client);
        }
        assertEquals(CLIENTS, api.session(psychologistAccount, id).path("seats").size());

        List<Participant> everyone = new ArrayList<>();
        try {
            Participant psychologist = Participant.open(harness.browser(), harness.stack().baseUrl(), psychologistAccount);
            everyone.add(psychologist);
            psychologist.login();
            CallRoom psychologistRoom = psychologist.openCall(id, false).join();
            List<Participant> clients = new ArrayList<>();
            List<CallRoom> clientRooms = new ArrayList<>();
            for (Api.Account account : clientAccounts) {
                Participant client = Participant.open(harness.browser(), harness.stack().baseUrl(), account);
                everyone.add(client);
                clients.add(client);
                client.login();
                CallRoom room = client.openCall(id, false).join();
                room.awaitStatus("waiting-room", Duration.ofSeconds(30));
                psychologistRoom.admitWaiting();
                room.awaitStatus("connected", CONNECT);
                clientRooms.add(room);
            }
            List<CallRoom> rooms = new ArrayList<>(List.of(psychologistRoom));
            rooms.addAll(clientRooms);
            for (CallRoom room : rooms) {
                room.awaitEveryPeerDecoding(CLIENTS, 5, CONNECT);
            }
            psychologist.screenshot(harness.screenshots(), "30-group-call-four-way");

            // the third client leaves and comes back from their dashboard; the psychologist admits them again
            clientRooms.get(2).click("leave-call-button");
            clients.get(2).byTestId("current-user").waitFor();
            CallRoom.waitUntil("the others see two remote participants", Duration.ofSeconds(30),
                    () -> rooms.subList(0, 3).stream().allMatch(r -> r.participants().size() == CLIENTS - 1));
            assertEquals("In Progress", api.session(psychologistAccount, id).path("status").asText());
            CallRoom back = clients.get(2).joinFromDashboard(id).join();
            CallRoom.waitUntil("the third client connected again", CONNECT, () -> {
                if (psychologistRoom.someoneWaiting()) {
                    psychologistRoom.admitWaiting();
                }
                return "connected".equals(back.status());
            }, back::engineState);
            rooms.set(3, back);
            for (CallRoom room : rooms) {
                room.awaitEveryPeerDecoding(CLIENTS, 5, CONNECT);
            }
            for (int i = 0; i < rooms.size(); i++) {
                CallRoom room = rooms.get(i);
                String who = i == 0 ? "the psychologist" : "client " + i;
                assertEquals(CLIENTS, room.participants().size(), "remote participants at " + who);
                assertEquals(CLIENTS, room.peerConnectionCount(), "peer connections at " + who);
                assertEquals(CLIENTS, room.remoteVideoCount(), "no ghost video at " + who);
            }
            psychologist.screenshot(harness.screenshots(), "31-group-call-after-rejoin");
        } finally {
            everyone.forEach(Participant::close);
        }
    }

    /** The client pays their own seat through the dev stack's simulated M-Pesa and waits until it is Paid. */
    private static void payOwnSeat(Api api, Api.Account client, String sessionId) {
        api.post("/api/sessions/" + sessionId + "/payment/mpesa", client.token(), Map.of("phone", "254712345678"));
        JsonNode[] session = new JsonNode[1];
        CallRoom.waitUntil("the seat paid", Duration.ofSeconds(45), () -> {
            session[0] = api.session(client, sessionId);
            return "Paid".equals(session[0].path("seats").path(0).path("paymentStatus").asText());
        }, () -> "(session " + session[0] + ")");
    }
}
