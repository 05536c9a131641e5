package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Switch model, history (filters, paging, order), isolation between users and applications,
 * deletion.
 */
abstract class ChatHistoryTests extends DeployedApi {

  @Test
  void switchModelKeepsTheConversationAndChangesTheSessionModel() {
    String token = Users.token();
    long sessionId = Chats.streamTurn(token, "gpt-4", "Tell me a story " + Chats.needle(), null);
    Api.Reply reply =
        Api.post(
            "/v1/chat/switch-model",
            token,
            "{\"session_id\":" + sessionId + ",\"model\":\"gpt-3.5-turbo\"}");
    assertEquals(200, reply.status(), reply::toString);
    JsonObject body = reply.json();
    assertEquals(sessionId, body.getJsonNumber("session_id").longValue());
    assertEquals("gpt-3.5-turbo", body.getString("model"));
    assertTrue(body.getString("title").startsWith("Tell me a story"));
    JsonArray messages = body.getJsonArray("messages");
    assertEquals(2, messages.size());
    assertEquals("user", messages.getJsonObject(0).getString("role"));
    assertEquals("assistant", messages.getJsonObject(1).getString("role"));
    assertEquals("gpt-3.5-turbo", Chats.session(token, sessionId).getString("model"));
  }

  @Test
  void historyPagesNewestFirstAndFiltersByModelAndDates() {
    String token = Users.token();
    long a = Chats.streamTurn(token, "gpt-4", "first " + Chats.needle(), null);
    long b = Chats.streamTurn(token, "gpt-4o", "second " + Chats.needle(), null);
    long c = Chats.streamTurn(token, "gpt-4", "third " + Chats.needle(), null);

    JsonObject page1 = Chats.history(token, "?page=1&page_size=2");
    assertEquals(3, page1.getInt("total"));
    assertEquals(1, page1.getInt("page"));
    assertEquals(2, page1.getInt("page_size"));
    assertEquals(List.of(c, b), ids(page1));
    assertEquals(List.of(a), ids(Chats.history(token, "?page=2&page_size=2")));
    assertEquals(List.of(), ids(Chats.history(token, "?page=3&page_size=2")));

    JsonObject defaults = Chats.history(token, "");
    assertEquals(10, defaults.getInt("page_size"));
    JsonObject first = defaults.getJsonArray("sessions").getJsonObject(0);
    for (String field :
        List.of(
            "id",
            "user_id",
            "application_id",
            "model",
            "title",
            "messages",
            "created_at",
            "updated_at")) {
      assertTrue(first.containsKey(field), field);
    }

    assertEquals(List.of(c, a), ids(Chats.history(token, "?model=gpt-4")));
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    assertEquals(
        3, Chats.history(token, "?start_date=" + today + "&end_date=" + today).getInt("total"));
    assertEquals(3, Chats.history(token, "?start_date=" + today + "T00:00:00").getInt("total"));
    assertEquals(0, Chats.history(token, "?start_date=2999-01-01T00:00:00Z").getInt("total"));
    assertEquals(0, Chats.history(token, "?end_date=2000-01-01").getInt("total"));

    // activity moves a session to the top
    Chats.streamTurn(token, "gpt-4", "again " + Chats.needle(), a);
    assertEquals(List.of(a, c, b), ids(Chats.history(token, "")));
  }

  @Test
  void badHistoryParametersAre400() {
    String token = Users.token();
    for (String query :
        List.of(
            "?page=0",
            "?page=x",
            "?page_size=0",
            "?page_size=101",
            "?start_date=yesterday",
            "?start_date=2024-02-01&end_date=2024-01-01")) {
      Api.Reply reply = Api.get("/v1/chat/history" + query, token);
      assertEquals(400, reply.status(), query + " -> " + reply);
      assertTrue(reply.detail().length() > 5);
    }
  }

  @Test
  void usersAndApplicationsNeverSeeEachOthersSessions() {
    String subject = Users.newSubject();
    String mine = Users.token(subject);
    long sessionId = Chats.streamTurn(mine, "gpt-4", "private " + Chats.needle(), null);

    String stranger = Users.token();
    String myOtherApp = Users.token(subject, "other-app");
    for (String token : List.of(stranger, myOtherApp)) {
      assertEquals(0, Chats.history(token, "").getInt("total"));
      assertEquals(
          404,
          Api.post("/v1/chat/stream", token, Chats.body("gpt-4", "hijack", sessionId)).status());
      assertEquals(
          404,
          Api.post(
                  "/v1/chat/switch-model",
                  token,
                  "{\"session_id\":" + sessionId + ",\"model\":\"gpt-4\"}")
              .status());
      assertEquals(404, Api.delete("/v1/chat/sessions/" + sessionId, token).status());
    }
    assertEquals(1, Chats.history(mine, "").getInt("total"));
    assertEquals(2, Chats.session(mine, sessionId).getJsonArray("messages").size());
  }

  @Test
  void deletingASessionRemovesItAndItsMessages() {
    String token = Users.token();
    long keep = Chats.streamTurn(token, "gpt-4", "keep " + Chats.needle(), null);
    long drop = Chats.streamTurn(token, "gpt-4", "drop " + Chats.needle(), null);
    Api.Reply deleted = Api.delete("/v1/chat/sessions/" + drop, token);
    assertEquals(200, deleted.status(), deleted::toString);
    assertEquals("Session deleted successfully", deleted.json().getString("message"));
    assertEquals(List.of(keep), ids(Chats.history(token, "")));
    assertEquals(404, Api.delete("/v1/chat/sessions/" + drop, token).status());
    assertEquals(
        404, Api.post("/v1/chat/stream", token, Chats.body("gpt-4", "more", drop)).status());
    assertEquals(400, Api.delete("/v1/chat/sessions/abc", token).status());
  }

  static List<Long> ids(JsonObject page) {
    return page.getJsonArray("sessions").getValuesAs(JsonObject.class).stream()
        .map(s -> s.getJsonNumber("id").longValue())
        .toList();
  }
}
