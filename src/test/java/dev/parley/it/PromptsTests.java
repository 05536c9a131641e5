package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.FakeUpstream;
import dev.parley.testing.RecordedRequest;
import dev.parley.testing.Script;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Prompt Management API over HTTP: the spec's examples, ownership and templates, validation,
 * list filters and paging, partial updates, deletion, and previews through the fake provider
 * (including concurrent usage counting).
 */
abstract class PromptsTests extends DeployedApi {

  static final String PROMPTS = "/api/chat/prompts";
  static final String PREVIEW = "/api/chat/prompts/preview";
  static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
  static final Duration WAIT = Duration.ofSeconds(20);

  static final String SPEC_CREATE =
      """
      {
        "title": "Text Summarizer",
        "content": "Summarize the following text: {text}",
        "scenario": "summarization",
        "description": "Generates concise summaries",
        "metadata": {
          "tags": ["summary", "concise"]
        }
      }""";

  FakeUpstream upstream() {
    return TestEnvironment.upstream();
  }

  // ---- create and read ----

  @Test
  void createsThePromptOfTheSpecWithEveryFieldAndALocation() {
    String token = Users.token();
    Api.Reply reply = Api.post(PROMPTS, token, SPEC_CREATE);
    assertEquals(201, reply.status(), reply::toString);
    JsonObject prompt = reply.json();
    long id = id(prompt);
    assertTrue(id > 0);
    assertEquals("Text Summarizer", prompt.getString("title"));
    assertEquals("Summarize the following text: {text}", prompt.getString("content"));
    assertEquals("summarization", prompt.getString("scenario"));
    assertEquals("Generates concise summaries", prompt.getString("description"));
    assertEquals(
        Json.createArrayBuilder().add("summary").add("concise").build(),
        prompt.getJsonObject("metadata").getJsonArray("tags"));
    assertFalse(prompt.getBoolean("is_template"));
    assertEquals(0, prompt.getInt("usage_count"));
    assertEquals(List.of("text"), strings(prompt, "variables"));
    assertTrue(TIMESTAMP.matcher(prompt.getString("created_at")).matches(), prompt::toString);
    assertEquals(prompt.getString("created_at"), prompt.getString("updated_at"));
    assertEquals(
        java.util.Set.of(
            "id",
            "title",
            "content",
            "scenario",
            "description",
            "metadata",
            "is_template",
            "usage_count",
            "variables",
            "created_at",
            "updated_at"),
        prompt.keySet());

    String location = reply.header("Location").orElseThrow();
    assertTrue(location.endsWith(PROMPTS + "/" + id), location);
    Api.Reply fetched = Api.get(PROMPTS + "/" + id, token);
    assertEquals(200, fetched.status(), fetched::toString);
    assertEquals(prompt, fetched.json());
  }

  @Test
  void theSpecsCurlCreateWithoutMetadataGivesAnEmptyObject() {
    Api.Reply reply =
        Api.post(
            PROMPTS,
            Users.token(),
            """
            {
              "title": "Text Summarizer",
              "content": "Summarize the following text: {text}",
              "scenario": "summarization",
              "description": "Generates concise summaries"
            }""");
    assertEquals(201, reply.status(), reply::toString);
    assertEquals(JsonValue.EMPTY_JSON_OBJECT, reply.json().getJsonObject("metadata"));
  }

  @Test
  void optionalFieldsMayBeLeftOutAndVariablesFollowTheTemplateRules() {
    JsonObject prompt =
        create(
            Users.token(),
            body("Vars", "{b} {{literal}} {a} {b} {bad name} { lone", null, null, null));
    assertEquals(JsonValue.NULL, prompt.get("scenario"));
    assertEquals(JsonValue.NULL, prompt.get("description"));
    assertEquals(List.of("b", "a"), strings(prompt, "variables"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing title | 422 | {\"content\":\"x\"} | title is required",
        "blank title | 422 | {\"title\":\"  \",\"content\":\"x\"} | title is required",
        "missing content | 422 | {\"title\":\"t\"} | content is required",
        "empty content | 422 | {\"title\":\"t\",\"content\":\"\"} | content is required",
        "metadata array | 422 | {\"title\":\"t\",\"content\":\"x\",\"metadata\":[1]} | metadata must be a JSON object",
        "metadata string | 422 | {\"title\":\"t\",\"content\":\"x\",\"metadata\":\"tags\"} | metadata must be a JSON object",
        "title not a string | 400 | {\"title\":5,\"content\":\"x\"} | JSON",
        "is_template not a boolean | 400 | {\"title\":\"t\",\"content\":\"x\",\"is_template\":\"yes\"} | is_template must be true or false",
        "malformed JSON | 400 | {\"title\":\"t\", | malformed JSON",
        "template without admin | 403 | {\"title\":\"t\",\"content\":\"x\",\"is_template\":true} | administrators"
      })
  void createRejects(String name, int status, String json, String detailPart) {
    Api.Reply reply = Api.post(PROMPTS, Users.token(), json);
    assertEquals(status, reply.status(), reply::toString);
    assertTrue(reply.detail().contains(detailPart), reply::toString);
  }

  @Test
  void lengthLimitsAre422AndTheLimitsThemselvesAreAccepted() {
    String token = Users.token();
    assertEquals(
        201,
        Api.post(
                PROMPTS,
                token,
                body("t".repeat(200), "c".repeat(20_000), "s".repeat(100), "d".repeat(2_000), null))
            .status());
    assertLimit(token, body("t".repeat(201), "c", null, null, null), "title must be at most 200");
    assertLimit(
        token, body("t", "c".repeat(20_001), null, null, null), "content must be at most 20000");
    assertLimit(token, body("t", "c", "s".repeat(101), null, null), "scenario must be at most 100");
    assertLimit(
        token, body("t", "c", null, "d".repeat(2_001), null), "description must be at most 2000");
    JsonObject big = Json.createObjectBuilder().add("blob", "x".repeat(10_300)).build();
    assertLimit(token, body("t", "c", null, null, big), "metadata must be at most 10240");
    JsonObject fits = Json.createObjectBuilder().add("blob", "x".repeat(10_000)).build();
    assertEquals(201, Api.post(PROMPTS, token, body("t", "c", null, null, fits)).status());
  }

  // ---- ownership and templates ----

  @Test
  void anotherUsersOrApplicationsPromptIsNotFound() {
    String subject = Users.newSubject();
    String owner = Users.token(subject);
    long id = id(create(owner, body("Mine", "private {x}", null, null, null)));
    for (String other :
        List.of(Users.token(), Users.token(subject, "other-app"), Users.adminToken())) {
      assertEquals(404, Api.get(PROMPTS + "/" + id, other).status());
      assertEquals(404, Api.put(PROMPTS + "/" + id, other, "{\"title\":\"stolen\"}").status());
      assertEquals(404, Api.delete(PROMPTS + "/" + id, other).status());
      Api.Reply preview =
          Api.post(PREVIEW, other, "{\"prompt_id\":" + id + ",\"variables\":{\"x\":\"1\"}}");
      assertEquals(404, preview.status(), preview::toString);
      assertEquals("prompt not found", preview.detail());
      assertFalse(ids(list(other, "?include_templates=false&page_size=100")).contains(id));
    }
    assertEquals("Mine", get(owner, id).getString("title"));
  }

  @Test
  void seededTemplatesAreVisibleToEveryUserAndApplication() {
    for (String token : List.of(Users.token(), Users.token(Users.newSubject(), "another-app"))) {
      JsonObject page = list(token, "?page_size=100");
      List<JsonObject> items = items(page);
      assertTrue(page.getInt("total") >= 10, page::toString);
      assertTrue(items.stream().allMatch(p -> p.getBoolean("is_template")), page::toString);
      List<String> titles = items.stream().map(p -> p.getString("title")).toList();
      for (String title :
          List.of(
              "Text Summarizer",
              "Translator",
              "Code Reviewer",
              "Email Reply",
              "Meeting Notes",
              "Explain Like I am Five",
              "SQL Helper")) {
        assertTrue(titles.contains(title), title + " in " + titles);
      }
      JsonObject translator =
          items.stream()
              .filter(p -> p.getString("title").equals("Translator"))
              .findFirst()
              .orElseThrow();
      assertEquals(List.of("target_language", "text"), strings(translator, "variables"));
      assertEquals("translation", translator.getString("scenario"));
      assertEquals(translator, get(token, id(translator)));
      assertEquals(0, list(token, "?include_templates=false").getInt("total"));
    }
  }

  @Test
  void onlyAdminsChangeTemplates() {
    String user = Users.token();
    long templateId = id(templateTitled(user, "Code Reviewer"));
    Api.Reply update = Api.put(PROMPTS + "/" + templateId, user, "{\"title\":\"Mine now\"}");
    assertEquals(403, update.status(), update::toString);
    assertTrue(update.detail().contains("administrators"));
    assertEquals(403, Api.delete(PROMPTS + "/" + templateId, user).status());
    assertEquals("Code Reviewer", get(user, templateId).getString("title"));
  }

  @Test
  void anAdminCreatesATemplateEveryoneSeesAndOnlyAdminsChangeOrDelete() {
    String admin = Users.adminToken();
    String needle = Chats.needle();
    Api.Reply created =
        Api.post(
            PROMPTS,
            admin,
            "{\"title\":\"Haiku "
                + needle
                + "\",\"content\":\"Write a haiku about {topic}\",\"is_template\":true}");
    assertEquals(201, created.status(), created::toString);
    JsonObject template = created.json();
    assertTrue(template.getBoolean("is_template"));
    long id = id(template);

    String other = Users.token(Users.newSubject(), "elsewhere");
    assertEquals(List.of(id), ids(list(other, "?search=" + needle)));
    assertEquals(List.of(), ids(list(other, "?search=" + needle + "&include_templates=false")));
    assertEquals(403, Api.put(PROMPTS + "/" + id, other, "{\"title\":\"x\"}").status());
    assertEquals(403, Api.delete(PROMPTS + "/" + id, other).status());

    // any user previews it, and the use is counted
    upstream().when(needle, Script.tokens("Leaves").usage(5, 1));
    Api.Reply preview =
        Api.post(
            PREVIEW,
            other,
            "{\"prompt_id\":" + id + ",\"variables\":{\"topic\":\"" + needle + "\"}}");
    assertEquals(200, preview.status(), preview::toString);
    assertEquals(1, get(other, id).getInt("usage_count"));

    Api.Reply edited =
        Api.put(PROMPTS + "/" + id, Users.adminToken(), "{\"description\":\"poetry\"}");
    assertEquals(200, edited.status(), edited::toString);
    assertEquals("poetry", get(other, id).getString("description"));
    Api.Reply flip = Api.put(PROMPTS + "/" + id, admin, "{\"is_template\":false}");
    assertEquals(422, flip.status(), flip::toString);

    assertEquals(200, Api.delete(PROMPTS + "/" + id, admin).status());
    assertEquals(404, Api.get(PROMPTS + "/" + id, other).status());
  }

  // ---- list ----

  @Test
  void listPagesNewestFirstAndFiltersByScenarioAndSearch() {
    String token = Users.token();
    String needle = Chats.needle();
    long a = id(create(token, body("Alpha " + needle, "First {x}", "writing", "about CATS", null)));
    long b =
        id(create(token, body("Beta", "Second 100% off_sale " + needle, "coding", null, null)));
    long c =
        id(
            create(
                token,
                body("Gamma", "Third", "writing", "Mentions " + needle.toUpperCase(), null)));

    JsonObject page1 = list(token, "?include_templates=false&page=1&page_size=2");
    assertEquals(3, page1.getInt("total"));
    assertEquals(1, page1.getInt("page"));
    assertEquals(2, page1.getInt("page_size"));
    assertEquals(List.of(c, b), ids(page1));
    assertEquals(List.of(a), ids(list(token, "?include_templates=false&page=2&page_size=2")));
    assertEquals(List.of(), ids(list(token, "?include_templates=false&page=3&page_size=2")));

    JsonObject defaults = list(token, "");
    assertEquals(20, defaults.getInt("page_size"));
    assertEquals(1, defaults.getInt("page"));
    assertTrue(defaults.getInt("total") >= 13, defaults::toString);
    assertEquals(
        List.of(c, b, a),
        ids(defaults).subList(0, 3)); // own prompts are newer than the seeded templates

    assertEquals(List.of(c, a), ids(list(token, "?include_templates=false&scenario=writing")));
    // case-insensitive over title (a), content (b) and description (c)
    assertEquals(List.of(c, b, a), ids(list(token, "?search=" + needle.toUpperCase())));
    assertEquals(List.of(a), ids(list(token, "?search=cats&include_templates=false")));
    // % and _ are literal, not wildcards
    assertEquals(List.of(b), ids(list(token, "?search=100%25")));
    assertEquals(List.of(b), ids(list(token, "?search=off_sale")));
    assertEquals(List.of(), ids(list(token, "?search=off%25sale")));
    assertEquals(List.of(), ids(list(token, "?search=o_f_sale&include_templates=false")));
    assertEquals(List.of(c), ids(list(token, "?scenario=writing&search=mentions")));

    // an edit moves a prompt to the top
    assertEquals(200, Api.put(PROMPTS + "/" + a, token, "{\"description\":\"edited\"}").status());
    assertEquals(List.of(a, c, b), ids(list(token, "?include_templates=false")));
  }

  @Test
  void templatesCanBeSearchedAndFilteredLikeOwnPrompts() {
    String token = Users.token();
    List<JsonObject> sql = items(list(token, "?scenario=sql"));
    assertEquals(1, sql.size(), sql::toString);
    assertEquals("SQL Helper", sql.get(0).getString("title"));
    assertTrue(
        items(list(token, "?search=TRANSLATE")).stream()
            .anyMatch(p -> p.getString("title").equals("Translator")));
  }

  @Test
  void badListParametersAre400() {
    String token = Users.token();
    for (String query :
        List.of(
            "?page=0",
            "?page=x",
            "?page_size=0",
            "?page_size=101",
            "?page_size=-1",
            "?include_templates=maybe",
            "?search=" + "s".repeat(201))) {
      Api.Reply reply = Api.get(PROMPTS + query, token);
      assertEquals(400, reply.status(), query + " -> " + reply);
      assertTrue(reply.detail().length() > 5);
    }
    assertEquals(100, list(token, "?page_size=100").getInt("page_size"));
  }

  // ---- update and delete ----

  @Test
  void partialUpdateKeepsAbsentFieldsAndNullClearsOptionalOnes() throws InterruptedException {
    String token = Users.token();
    JsonObject metadata =
        Json.createObjectBuilder().add("tags", Json.createArrayBuilder().add("a")).build();
    JsonObject created =
        create(token, body("Title", "Content {x}", "scenario", "description", metadata));
    long id = id(created);
    Thread.sleep(5);

    JsonObject cleared = update(token, id, "{\"description\":null,\"scenario\":\"changed\"}");
    assertEquals("Title", cleared.getString("title"));
    assertEquals("Content {x}", cleared.getString("content"));
    assertEquals("changed", cleared.getString("scenario"));
    assertEquals(JsonValue.NULL, cleared.get("description"));
    assertEquals(metadata, cleared.getJsonObject("metadata"));
    assertEquals(created.getString("created_at"), cleared.getString("created_at"));
    assertTrue(
        cleared.getString("updated_at").compareTo(created.getString("updated_at")) > 0,
        cleared::toString);

    JsonObject replaced =
        update(token, id, "{\"metadata\":{\"owner\":\"me\"},\"content\":\"New {y} and {x}\"}");
    assertEquals(
        Json.createObjectBuilder().add("owner", "me").build(), replaced.getJsonObject("metadata"));
    assertEquals(List.of("y", "x"), strings(replaced, "variables"));
    assertTrue(
        replaced.getString("updated_at").compareTo(cleared.getString("updated_at")) > 0,
        replaced::toString);

    JsonObject noMetadata = update(token, id, "{\"metadata\":null,\"scenario\":null}");
    assertEquals(JsonValue.EMPTY_JSON_OBJECT, noMetadata.getJsonObject("metadata"));
    assertEquals(JsonValue.NULL, noMetadata.get("scenario"));
    assertEquals("New {y} and {x}", noMetadata.getString("content"));

    // round-tripping the response (read-only fields included) is accepted
    JsonObject same = update(token, id, noMetadata.toString());
    assertEquals(noMetadata.getString("title"), same.getString("title"));
    assertEquals(same, get(token, id));
  }

  @Test
  void theSpecsUpdateExamplesWork() {
    String token = Users.token();
    long id = id(create(token, SPEC_CREATE));
    JsonObject full =
        update(
            token,
            id,
            """
            {
              "title": "Updated Title",
              "content": "Updated content with {variable}",
              "scenario": "new_scenario",
              "description": "Updated description"
            }""");
    assertEquals("Updated Title", full.getString("title"));
    assertEquals("new_scenario", full.getString("scenario"));
    assertEquals(List.of("variable"), strings(full, "variables"));
    assertEquals(List.of("summary", "concise"), strings(full.getJsonObject("metadata"), "tags"));
    for (String field :
        List.of(
            "id",
            "title",
            "content",
            "scenario",
            "description",
            "metadata",
            "is_template",
            "usage_count",
            "created_at",
            "updated_at")) {
      assertTrue(full.containsKey(field), field);
    }
    JsonObject curl =
        update(token, id, "{\"title\": \"Updated Title\", \"content\": \"Updated content\"}");
    assertEquals("Updated content", curl.getString("content"));
    assertEquals("Updated description", curl.getString("description"));
    assertEquals(List.of(), strings(curl, "variables"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "null title | 422 | {\"title\":null} | title cannot be cleared",
        "null content | 422 | {\"content\":null} | content cannot be cleared",
        "blank title | 422 | {\"title\":\" \"} | title is required",
        "empty content | 422 | {\"content\":\"\"} | content is required",
        "metadata array | 422 | {\"metadata\":[]} | metadata must be a JSON object",
        "become a template | 422 | {\"is_template\":true} | is_template cannot be changed",
        "title not a string | 400 | {\"title\":1} | title must be a JSON string",
        "is_template not a boolean | 400 | {\"is_template\":1} | is_template must be true or false",
        "array body | 400 | [] | JSON object body",
        "malformed | 400 | {\"title\": | malformed JSON"
      })
  void updateRejects(String name, int status, String json, String detailPart) {
    String token = Users.token();
    long id = id(create(token, body("Keep", "Keep {me}", null, null, null)));
    Api.Reply reply = Api.put(PROMPTS + "/" + id, token, json);
    assertEquals(status, reply.status(), reply::toString);
    assertTrue(reply.detail().contains(detailPart), reply::toString);
    assertEquals("Keep", get(token, id).getString("title"));
  }

  @Test
  void updateLengthLimitsAndBadIds() {
    String token = Users.token();
    long id = id(create(token, body("Keep", "Keep", null, null, null)));
    assertEquals(
        422,
        Api.put(PROMPTS + "/" + id, token, "{\"title\":\"" + "t".repeat(201) + "\"}").status());
    assertEquals(
        422,
        Api.put(PROMPTS + "/" + id, token, "{\"description\":\"" + "d".repeat(2001) + "\"}")
            .status());
    Api.Reply badId = Api.put(PROMPTS + "/abc", token, "{\"title\":\"x\"}");
    assertEquals(400, badId.status(), badId::toString);
    assertEquals("prompt_id must be a positive integer", badId.detail());
    assertEquals(400, Api.put(PROMPTS + "/0", token, "{\"title\":\"x\"}").status());
    assertEquals(404, Api.put(PROMPTS + "/987654321", token, "{\"title\":\"x\"}").status());
    assertEquals(400, Api.get(PROMPTS + "/abc", token).status());
    assertEquals(400, Api.delete(PROMPTS + "/abc", token).status());
  }

  @Test
  void deleteAnswersAsTheSpecSaysAndThePromptIsGone() {
    String token = Users.token();
    long keep = id(create(token, body("Keep", "k", null, null, null)));
    long drop = id(create(token, body("Drop", "d", null, null, null)));
    Api.Reply deleted = Api.delete(PROMPTS + "/" + drop, token);
    assertEquals(200, deleted.status(), deleted::toString);
    assertEquals("Prompt deleted successfully", deleted.json().getString("message"));
    assertEquals(List.of(keep), ids(list(token, "?include_templates=false")));
    assertEquals(404, Api.get(PROMPTS + "/" + drop, token).status());
    assertEquals(404, Api.delete(PROMPTS + "/" + drop, token).status());
    assertEquals(404, Api.post(PREVIEW, token, "{\"prompt_id\":" + drop + "}").status());
  }

  // ---- preview ----

  @Test
  void previewOfContentSendsTheRenderedTextAndReportsTheProvidersUsage() {
    String token = Users.token();
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens("Generated", " summary").usage(120, 30));
    Api.Reply reply =
        Api.post(
            PREVIEW,
            token,
            "{\"content\": \"Summarize this text: {text}\", \"variables\": {\"text\": \"Sample "
                + needle
                + "\"}}");
    assertEquals(200, reply.status(), reply::toString);
    JsonObject preview = reply.json();
    assertEquals("Generated summary", preview.getString("preview"));
    assertEquals(150, preview.getInt("tokens_used"));
    assertEquals("gpt-3.5-turbo", preview.getString("model_used"));

    RecordedRequest sent = upstream().awaitRequestContaining(needle, WAIT);
    assertEquals("gpt-3.5-turbo", sent.json().getString("model"));
    assertEquals(1, sent.json().getJsonArray("messages").size());
    JsonObject message = sent.json().getJsonArray("messages").getJsonObject(0);
    assertEquals("user", message.getString("role"));
    assertEquals("Summarize this text: Sample " + needle, message.getString("content"));

    assertEquals(0, Chats.history(token, "").getInt("total"), "a preview creates no chat history");
  }

  @Test
  void previewOfAStoredPromptAsTheSpecShowsCountsItsUse() {
    String token = Users.token();
    long id = id(create(token, SPEC_CREATE));
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens("Short.").usage(10, 2));
    Api.Reply reply =
        Api.post(
            PREVIEW,
            token,
            """
            {
              "prompt_id": %d,
              "variables": {
                "text": "Sample text to summarize %s"
              },
              "model": "gpt-4"
            }"""
                .formatted(id, needle));
    assertEquals(200, reply.status(), reply::toString);
    assertEquals("Short.", reply.json().getString("preview"));
    assertEquals(12, reply.json().getInt("tokens_used"));
    assertEquals("gpt-4", reply.json().getString("model_used"));
    assertEquals(
        "Summarize the following text: Sample text to summarize " + needle,
        upstream()
            .awaitRequestContaining(needle, WAIT)
            .json()
            .getJsonArray("messages")
            .getJsonObject(0)
            .getString("content"));
    JsonObject after = get(token, id);
    assertEquals(1, after.getInt("usage_count"));
    assertEquals(items(list(token, "?include_templates=false")).get(0), after);
  }

  @Test
  void concurrentPreviewsOfOnePromptAreAllCounted() throws Exception {
    String token = Users.token();
    String needle = Chats.needle();
    long id =
        id(create(token, body("Concurrent", "Answer about {topic} " + needle, null, null, null)));
    upstream().when(needle, Script.tokens("ok").usage(3, 1).gapMillis(50));
    int parallel = 20;
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Callable<Api.Reply>> calls = new ArrayList<>();
      for (int i = 0; i < parallel; i++) {
        String body = "{\"prompt_id\":" + id + ",\"variables\":{\"topic\":\"t" + i + "\"}}";
        calls.add(() -> Api.post(PREVIEW, token, body));
      }
      for (Future<Api.Reply> future : pool.invokeAll(calls)) {
        Api.Reply reply = future.get();
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("ok", reply.json().getString("preview"));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(parallel, get(token, id).getInt("usage_count"));
    List<RecordedRequest> sent = upstream().requestsContaining(needle);
    assertEquals(parallel, sent.size());
    assertTrue(sent.stream().anyMatch(r -> r.body().contains("Answer about t7 " + needle)));
  }

  @Test
  void previewCountsTokensItselfWhenTheProviderReportsNoUsage() {
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens("one", " two", " three").withoutUsage());
    Api.Reply reply = Api.post(PREVIEW, Users.token(), "{\"content\":\"Count " + needle + "\"}");
    assertEquals(200, reply.status(), reply::toString);
    assertEquals("one two three", reply.json().getString("preview"));
    assertTrue(reply.json().getInt("tokens_used") > 3, reply::toString);
  }

  @Test
  void previewConvertsNumberAndBooleanVariablesAndIgnoresExtraOnes() {
    String needle = Chats.needle();
    Api.Reply reply =
        Api.post(
            PREVIEW,
            Users.token(),
            "{\"content\":\"n={n} f={f} b={b} {{kept}} "
                + needle
                + "\",\"variables\":{\"n\":3,\"f\":2.5,\"b\":true,\"extra\":\"x\"}}");
    assertEquals(200, reply.status(), reply::toString);
    assertEquals(
        "n=3 f=2.5 b=true {kept} " + needle,
        upstream()
            .awaitRequestContaining(needle, WAIT)
            .json()
            .getJsonArray("messages")
            .getJsonObject(0)
            .getString("content"));
  }

  @Test
  void providerFailureDuringPreviewIsA502AndCountsNoUse() {
    String token = Users.token();
    String needle = Chats.needle();
    long id = id(create(token, body("Fails", "Fail " + needle, null, null, null)));
    upstream()
        .when(
            needle,
            Script.tokens().failWithStatus(500, "{\"error\":{\"message\":\"secret internals\"}}"));
    Api.Reply reply = Api.post(PREVIEW, token, "{\"prompt_id\":" + id + "}");
    assertEquals(502, reply.status(), reply::toString);
    assertFalse(reply.body().contains("secret internals"));
    assertFalse(reply.detail().isBlank());
    assertEquals(0, get(token, id).getInt("usage_count"));
  }

  @Test
  void providerBreakingOffDuringPreviewIsA502() {
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens("par", "tial").dropAfter(1));
    Api.Reply reply = Api.post(PREVIEW, Users.token(), "{\"content\":\"Drop " + needle + "\"}");
    assertEquals(502, reply.status(), reply::toString);
    assertTrue(reply.detail().contains("provider"), reply::toString);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "neither source | 422 | {\"variables\":{}} | exactly one of prompt_id and content",
        "both sources | 422 | {\"prompt_id\":1,\"content\":\"x\"} | exactly one of prompt_id and content",
        "blank content | 422 | {\"content\":\"  \"} | content must not be blank",
        "missing variables | 422 | {\"content\":\"{a} {b} {c}\",\"variables\":{\"b\":\"x\"}} | missing variables: a, c",
        "no variables at all | 422 | {\"content\":\"Hi {name}\"} | missing variables: name",
        "variables not an object | 422 | {\"content\":\"{a}\",\"variables\":[\"a\"]} | variables must be a JSON object",
        "variable is an object | 422 | {\"content\":\"{a}\",\"variables\":{\"a\":{}}} | variables.a must be a string, number or boolean",
        "variable is null | 422 | {\"content\":\"{a}\",\"variables\":{\"a\":null}} | variables.a must be",
        "prompt_id zero | 422 | {\"prompt_id\":0} | prompt_id must be a positive integer",
        "prompt_id not a number | 400 | {\"prompt_id\":\"abc\"} | JSON",
        "content not a string | 400 | {\"content\":5} | JSON",
        "unknown model | 400 | {\"content\":\"hi\",\"model\":\"gpt-9\"} | unknown model 'gpt-9'",
        "unknown prompt | 404 | {\"prompt_id\":987654321} | prompt not found",
        "malformed | 400 | {\"content\": | malformed JSON"
      })
  void previewRejects(String name, int status, String json, String detailPart) {
    Api.Reply reply = Api.post(PREVIEW, Users.token(), json);
    assertEquals(status, reply.status(), reply::toString);
    assertTrue(reply.detail().contains(detailPart), reply::toString);
  }

  @Test
  void previewContentIsLimitedLikeStoredContent() {
    Api.Reply reply =
        Api.post(PREVIEW, Users.token(), "{\"content\":\"" + "c".repeat(20_001) + "\"}");
    assertEquals(422, reply.status(), reply::toString);
    assertTrue(reply.detail().contains("content must be at most 20000"), reply::toString);
  }

  @Test
  void everyPromptEndpointRequiresAToken() {
    assertEquals(401, Api.get(PROMPTS, null).status());
    assertEquals(401, Api.post(PROMPTS, null, SPEC_CREATE).status());
    assertEquals(401, Api.post(PREVIEW, null, "{\"content\":\"x\"}").status());
    assertEquals(401, Api.put(PROMPTS + "/1", null, "{}").status());
    assertEquals(401, Api.delete(PROMPTS + "/1", null).status());
  }

  // ---- helpers ----

  static String body(
      String title, String content, String scenario, String description, JsonObject metadata) {
    var json = Json.createObjectBuilder().add("title", title).add("content", content);
    if (scenario != null) {
      json.add("scenario", scenario);
    }
    if (description != null) {
      json.add("description", description);
    }
    if (metadata != null) {
      json.add("metadata", metadata);
    }
    return json.build().toString();
  }

  static JsonObject create(String token, String json) {
    Api.Reply reply = Api.post(PROMPTS, token, json);
    assertEquals(201, reply.status(), reply::toString);
    return reply.json();
  }

  static JsonObject update(String token, long id, String json) {
    Api.Reply reply = Api.put(PROMPTS + "/" + id, token, json);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  static JsonObject get(String token, long id) {
    Api.Reply reply = Api.get(PROMPTS + "/" + id, token);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  static JsonObject list(String token, String query) {
    Api.Reply reply = Api.get(PROMPTS + query, token);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  static JsonObject templateTitled(String token, String title) {
    return items(list(token, "?page_size=100")).stream()
        .filter(p -> p.getBoolean("is_template") && p.getString("title").equals(title))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no template " + title));
  }

  static void assertLimit(String token, String json, String detailPart) {
    Api.Reply reply = Api.post(PROMPTS, token, json);
    assertEquals(422, reply.status(), reply::toString);
    assertTrue(reply.detail().contains(detailPart), reply::toString);
  }

  static long id(JsonObject prompt) {
    return prompt.getJsonNumber("id").longValue();
  }

  static List<JsonObject> items(JsonObject page) {
    return page.getJsonArray("items").getValuesAs(JsonObject.class);
  }

  static List<Long> ids(JsonObject page) {
    return items(page).stream().map(PromptsTests::id).toList();
  }

  static List<String> strings(JsonObject object, String field) {
    return object.getJsonArray(field).getValuesAs(jakarta.json.JsonString.class).stream()
        .map(jakarta.json.JsonString::getString)
        .toList();
  }
}
