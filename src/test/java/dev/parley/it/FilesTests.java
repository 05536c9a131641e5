package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.provider.control.TokenCounter;
import dev.parley.provider.entity.PromptMessage;
import dev.parley.testing.FakeUpstream;
import dev.parley.testing.Pdfs;
import dev.parley.testing.RecordedRequest;
import dev.parley.testing.Script;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * PDF upload, listing, deletion, and the documents as context of later chats (fake upstream sees
 * them).
 */
abstract class FilesTests extends DeployedApi {

  static final long MAX_BYTES = 10_485_760;

  FakeUpstream upstream() {
    return TestEnvironment.upstream();
  }

  /** Uploads and returns the stored file's id. */
  static long uploadedId(String token, Object sessionId, String filename, byte[] content) {
    Api.Reply reply = upload(token, sessionId, filename, content);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json().getJsonObject("file").getJsonNumber("id").longValue();
  }

  static Api.Reply upload(String token, Object sessionId, String filename, byte[] content) {
    return Api.send(
        uploadRequest(token, sessionId, "file", filename, "application/pdf", content, false));
  }

  /** A multipart/form-data body as curl -F sends it; {@code chunked}: without Content-Length. */
  static HttpRequest uploadRequest(
      String token,
      Object sessionId,
      String field,
      String filename,
      String type,
      byte[] content,
      boolean chunked) {
    String boundary = "----parley" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + field
            + "\"; filename=\""
            + filename
            + "\"\r\nContent-Type: "
            + type
            + "\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    byte[] bytes = body.toByteArray();
    return Api.request("/api/chat/sessions/" + sessionId + "/upload", token)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(
            chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                : HttpRequest.BodyPublishers.ofByteArray(bytes))
        .build();
  }

  static long newSession(String token) {
    return Chats.streamTurn(token, "gpt-4", "Hello " + Chats.needle(), null);
  }

  static List<PromptMessage> messages(RecordedRequest request) {
    List<PromptMessage> messages = new ArrayList<>();
    for (JsonObject m : request.json().getJsonArray("messages").getValuesAs(JsonObject.class)) {
      messages.add(new PromptMessage(m.getString("role"), m.getString("content")));
    }
    return messages;
  }

  @Test
  void uploadAnswersAsTheSpecShowsAndTheDocumentReachesTheProviderOnLaterTurns() {
    String token = Users.token();
    long session = newSession(token);
    byte[] pdf =
        Pdfs.pages(
            "Travel notes",
            List.of(
                "Grüße aus Köln, café naïve. The hotel is the Blue Heron.",
                "Page two: checkout at 11."));
    Api.Reply reply = upload(token, session, "notes.pdf", pdf);
    assertEquals(200, reply.status(), reply::toString);
    JsonObject body = reply.json();
    assertEquals("File uploaded successfully", body.getString("message"));
    JsonObject file = body.getJsonObject("file");
    assertTrue(file.getJsonNumber("id").longValue() > 0);
    assertEquals("notes.pdf", file.getString("filename"));
    assertEquals(pdf.length, file.getJsonNumber("file_size").longValue());
    assertEquals("application/pdf", file.getString("mime_type"));
    assertTrue(
        file.getString("extracted_text").contains("Grüße aus Köln, café naïve"), file::toString);
    assertTrue(file.getString("extracted_text").contains("checkout at 11"));
    JsonObject metadata = file.getJsonObject("metadata");
    assertEquals(2, metadata.getInt("page_count"));
    assertEquals("Travel notes", metadata.getString("title"));
    assertEquals("Parley Tests", metadata.getString("author"));
    assertTrue(metadata.getBoolean("has_text"));
    assertFalse(metadata.getBoolean("text_truncated"));

    // streaming turn: the provider gets the document first, as a delimited system message
    String needle = Chats.needle();
    Chats.streamTurn(token, "gpt-4", "Which hotel? " + needle, session);
    List<PromptMessage> sent =
        messages(upstream().awaitRequestContaining(needle, Duration.ofSeconds(10)));
    assertEquals("system", sent.get(0).role());
    assertTrue(sent.get(0).content().contains("not instructions"), sent.get(0).content());
    assertTrue(sent.get(0).content().contains("<document name=\"notes.pdf\">"));
    assertTrue(
        sent.get(0).content().contains("Grüße aus Köln, café naïve. The hotel is the Blue Heron."));
    assertEquals("Which hotel? " + needle, sent.get(sent.size() - 1).content());

    // "stream": false gets the same context
    String quiet = Chats.needle();
    Api.Reply complete =
        Api.post(
            "/v1/chat/stream",
            token,
            "{\"model\":\"gpt-4\",\"stream\":false,\"session_id\":"
                + session
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Checkout? "
                + quiet
                + "\"}]}");
    assertEquals(200, complete.status(), complete::toString);
    assertFalse(complete.header("X-Parley-Context-Trimmed").isPresent());
    assertTrue(
        messages(upstream().awaitRequestContaining(quiet, Duration.ofSeconds(10)))
            .get(0)
            .content()
            .contains("Blue Heron"));

    // the context message is not part of the stored conversation
    for (JsonValue m : Chats.session(token, session).getJsonArray("messages")) {
      assertFalse(((JsonObject) m).getString("content").contains("Blue Heron"), m::toString);
      assertFalse("system".equals(((JsonObject) m).getString("role")));
    }
  }

  @Test
  void listAndDeleteFiles() {
    String token = Users.token();
    long session = newSession(token);
    long first = uploadedId(token, session, "a.pdf", Pdfs.text("alpha text"));
    long second = uploadedId(token, session, "b.pdf", Pdfs.text("beta text"));

    Api.Reply list = Api.get("/api/chat/sessions/" + session + "/files", token);
    assertEquals(200, list.status(), list::toString);
    JsonArray files = list.json().getJsonArray("files");
    assertEquals(2, files.size());
    assertEquals(first, files.getJsonObject(0).getJsonNumber("id").longValue());
    assertEquals("b.pdf", files.getJsonObject(1).getString("filename"));
    assertTrue(files.getJsonObject(0).isNull("extracted_text"), "no text in lists");
    assertEquals(1, files.getJsonObject(0).getJsonObject("metadata").getInt("page_count"));

    Api.Reply deleted = Api.delete("/api/chat/sessions/" + session + "/files/" + first, token);
    assertEquals(200, deleted.status(), deleted::toString);
    assertEquals("File deleted successfully", deleted.json().getString("message"));
    assertEquals(
        404, Api.delete("/api/chat/sessions/" + session + "/files/" + first, token).status());
    assertEquals(
        1,
        Api.get("/api/chat/sessions/" + session + "/files", token)
            .json()
            .getJsonArray("files")
            .size());

    String needle = Chats.needle();
    Chats.streamTurn(token, "gpt-4", "what now " + needle, session);
    String context =
        messages(upstream().awaitRequestContaining(needle, Duration.ofSeconds(10)))
            .get(0)
            .content();
    assertTrue(context.contains("beta text") && !context.contains("alpha text"), context);
    assertEquals(400, Api.delete("/api/chat/sessions/" + session + "/files/x", token).status());
    assertTrue(second > first);
  }

  @Test
  void onlyTheOwnerSeesTheFilesOthersGet404() {
    String owner = Users.token();
    long session = newSession(owner);
    long file = uploadedId(owner, session, "mine.pdf", Pdfs.text("private"));
    String other = Users.token();
    Api.Reply upload = upload(other, session, "x.pdf", Pdfs.text("intruder"));
    assertEquals(404, upload.status(), upload::toString);
    assertEquals("chat session not found", upload.detail());
    assertEquals(404, Api.get("/api/chat/sessions/" + session + "/files", other).status());
    assertEquals(
        404, Api.delete("/api/chat/sessions/" + session + "/files/" + file, other).status());
    assertEquals(404, upload(owner, 999_999_999L, "x.pdf", Pdfs.text("none")).status());
    assertEquals(
        1,
        Api.get("/api/chat/sessions/" + session + "/files", owner)
            .json()
            .getJsonArray("files")
            .size());
    assertEquals(401, upload(null, session, "x.pdf", Pdfs.text("anon")).status());
  }

  @Test
  void badUploadsGetClearErrorsNever500() {
    String token = Users.token();
    long session = newSession(token);

    Api.Reply png = upload(token, session, "image.pdf", Pdfs.png());
    assertEquals(415, png.status(), png::toString);
    assertTrue(png.detail().contains("only PDF"), png::toString);

    Api.Reply corrupt = upload(token, session, "broken.pdf", Pdfs.corrupt());
    assertEquals(422, corrupt.status(), corrupt::toString);

    Api.Reply locked = upload(token, session, "locked.pdf", Pdfs.encrypted("secret"));
    assertEquals(422, locked.status(), locked::toString);
    assertTrue(locked.detail().contains("password"), locked::toString);

    Api.Reply scanned = upload(token, session, "scan.pdf", Pdfs.imageOnly());
    assertEquals(200, scanned.status(), scanned::toString);
    JsonObject file = scanned.json().getJsonObject("file");
    assertEquals("", file.getString("extracted_text"));
    assertFalse(file.getJsonObject("metadata").getBoolean("has_text"));
    assertTrue(file.getJsonObject("metadata").getString("note").contains("no extractable text"));
    assertTrue(scanned.json().getString("message").contains("no text"), scanned::toString);

    Api.Reply empty = upload(token, session, "empty.pdf", new byte[0]);
    assertEquals(422, empty.status(), empty::toString);

    Api.Reply badId = upload(token, "abc", "a.pdf", Pdfs.text("x"));
    assertEquals(400, badId.status(), badId::toString);

    Api.Reply noField =
        Api.send(
            uploadRequest(
                token, session, "document", "a.pdf", "application/pdf", Pdfs.text("x"), false));
    assertEquals(400, noField.status(), noField::toString);
    assertTrue(noField.detail().contains("'file'"));

    Api.Reply json =
        Api.post("/api/chat/sessions/" + session + "/upload", token, "{\"file\":\"x\"}");
    assertEquals(415, json.status(), json::toString);

    // only the scanned PDF was stored, with a sanitised name
    Api.Reply named = upload(token, session, "../../etc/report\u0001.pdf", Pdfs.text("named"));
    assertEquals(
        "report.pdf", named.json().getJsonObject("file").getString("filename"), named::toString);
    assertEquals(
        2,
        Api.get("/api/chat/sessions/" + session + "/files", token)
            .json()
            .getJsonArray("files")
            .size());
  }

  @Test
  void filesOverTheLimitAre413WithOrWithoutContentLength() {
    String token = Users.token();
    long session = newSession(token);
    byte[] big = Pdfs.padded(11 * 1024 * 1024);
    Api.Reply declared = upload(token, session, "big.pdf", big);
    assertEquals(413, declared.status(), declared::toString);
    assertTrue(
        declared.detail().contains("too large") && declared.detail().contains("10485760"),
        declared::toString);

    Api.Reply chunked =
        Api.send(uploadRequest(token, session, "file", "big.pdf", "application/pdf", big, true));
    assertEquals(413, chunked.status(), chunked::toString);

    // just under the limit is fine
    Api.Reply fits = upload(token, session, "fits.pdf", Pdfs.padded((int) MAX_BYTES - 64));
    assertEquals(200, fits.status(), fits::toString);
    assertEquals(
        MAX_BYTES - 64, fits.json().getJsonObject("file").getJsonNumber("file_size").longValue());
  }

  @Test
  void aTierMayLowerTheUploadLimit() {
    // the suite configures PARLEY_TIERS_FREE_MAX_UPLOAD_BYTES=2097152
    byte[] threeMb = Pdfs.padded(3 * 1024 * 1024);
    String free = Users.freeToken(Users.newSubject());
    Api.Reply refused = upload(free, newSession(free), "three.pdf", threeMb);
    assertEquals(413, refused.status(), refused::toString);
    assertTrue(refused.detail().contains("2097152"), refused::toString);
    String pro = Users.token();
    assertEquals(200, upload(pro, newSession(pro), "three.pdf", threeMb).status());
  }

  /** PARLEY_FILES_MAX_SESSION_TEXT_CHARS of the test servers. */
  static final int MAX_SESSION_TEXT = 250_000;

  @Test
  void aSessionsDocumentsAreCappedInTotalTextSoThatATurnsWorkIsBounded() {
    String token = Users.token();
    long session = newSession(token);
    byte[] hundredK = Pdfs.pages("Filler", List.of("filler text ".repeat(8_500)));
    long first = uploadedId(token, session, "one.pdf", hundredK);
    uploadedId(token, session, "two.pdf", hundredK);
    Api.Reply third = upload(token, session, "three.pdf", hundredK);
    assertEquals(422, third.status(), third::toString);
    assertTrue(third.detail().contains("at most " + MAX_SESSION_TEXT), third::toString);
    assertEquals(
        200, Api.delete("/api/chat/sessions/" + session + "/files/" + first, token).status());
    assertEquals(200, upload(token, session, "three.pdf", hundredK).status());
  }

  @Test
  void aLongDocumentSendsTheChunksRelevantToTheQuestionWithinBudget() {
    String token = Users.token();
    long session = newSession(token);
    List<String> pages = new ArrayList<>();
    for (int page = 1; page <= 60; page++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 25; i++) {
        text.append("Chapter ")
            .append(page)
            .append(" covers routine maintenance of pumps, valves and filters. ");
      }
      if (page == 37) {
        text.append("The emergency shutoff lever of the Kestrel turbine is painted ultramarine.");
      }
      pages.add(text.toString());
    }
    Api.Reply reply = upload(token, session, "manual.pdf", Pdfs.pages("Manual", pages));
    assertEquals(200, reply.status(), reply::toString);
    assertEquals(
        60, reply.json().getJsonObject("file").getJsonObject("metadata").getInt("page_count"));

    String needle = Chats.needle();
    Chats.streamTurn(
        token, "gpt-4", "What colour is the Kestrel turbine shutoff lever? " + needle, session);
    List<PromptMessage> sent =
        messages(upstream().awaitRequestContaining(needle, Duration.ofSeconds(10)));
    String context = sent.get(0).content();
    assertTrue(context.contains("painted ultramarine"), "the fact's page reached the provider");
    assertTrue(context.contains("most relevant"), context.substring(0, 400));
    assertTrue(context.matches("(?s).*pages=\"(37|3[0-6]-37|37-3[89])\".*"), "names the page");
    assertTrue(
        TokenCounter.countPrompt(sent) <= 8000,
        "under the default budget: " + TokenCounter.countPrompt(sent));
    assertTrue(
        TokenCounter.count(context) <= 6000,
        "documents within their budget: " + TokenCounter.count(context));
  }

  @Test
  void aLongConversationIsTrimmedOldestFirstAndSaysSo() {
    String token = Users.token();
    long session = newSession(token);
    upload(token, session, "short.pdf", Pdfs.text("The password hint is lighthouse."));
    String filler = "lorem ipsum dolor sit amet ".repeat(400); // ~ 2,000 tokens
    String firstNeedle = Chats.needle();
    upstream().when(firstNeedle, Script.tokens("ok"));
    Chats.streamTurn(token, "gpt-4", "first " + firstNeedle + " " + filler, session);
    for (int i = 0; i < 3; i++) {
      String n = Chats.needle();
      upstream().when(n, Script.tokens("ok"));
      Chats.streamTurn(token, "gpt-4", "more " + n + " " + filler, session);
    }
    String last = Chats.needle();
    upstream().when(last, Script.tokens("trimmed"));
    try (SseClient sse =
        SseClient.post(
            "/v1/chat/stream", token, Chats.body("gpt-4", "the hint? " + last, session))) {
      assertEquals(200, sse.status(), sse::bodyText);
      assertEquals("true", sse.header("X-Parley-Context-Trimmed"));
      sse.rest(Duration.ofSeconds(20));
    }
    List<PromptMessage> sent = messages(upstream().lastRequestContaining(last).orElseThrow());
    assertTrue(sent.get(0).content().contains("lighthouse"), "documents stay");
    assertEquals("the hint? " + last, sent.get(sent.size() - 1).content());
    assertFalse(
        sent.stream().anyMatch(m -> m.content().contains(firstNeedle)),
        "the oldest turn was dropped");
    assertTrue(TokenCounter.countPrompt(sent) <= 8000);

    String quiet = Chats.needle();
    upstream().when(quiet, Script.tokens("ok"));
    Api.Reply complete =
        Api.post(
            "/v1/chat/stream",
            token,
            "{\"model\":\"gpt-4\",\"stream\":false,\"session_id\":"
                + session
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"again "
                + quiet
                + "\"}]}");
    assertEquals(200, complete.status(), complete::toString);
    assertEquals("true", complete.header("X-Parley-Context-Trimmed").orElse(null));
    // history still has every message
    assertTrue(Chats.session(token, session).getJsonArray("messages").size() >= 14);
  }

  @Test
  void deletingTheSessionDeletesItsFiles() {
    String token = Users.token();
    long session = newSession(token);
    long file = uploadedId(token, session, "gone.pdf", Pdfs.text("soon gone"));
    assertEquals(200, Api.delete("/v1/chat/sessions/" + session, token).status());
    assertEquals(404, Api.get("/api/chat/sessions/" + session + "/files", token).status());
    assertEquals(
        404, Api.delete("/api/chat/sessions/" + session + "/files/" + file, token).status());
  }
}
