package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The same WAR on WildFly: one WildFly start ({@code standalone-microprofile.xml} with the EJB
 * container of {@code wildfly/enable-ejb.cli}, H2, the environment of the failsafe execution {@code
 * wildfly}) runs a subset of the HTTP suite: streaming, resume, history, both provider dialects
 * with fallback, the OpenAI-compatible door, uploads, prompts and the chat page's files. Not
 * Arquillian, which is configured for Payara Micro here.
 */
class WildFlySmokeIT {

  private static WildFlyProcess wildfly;

  @BeforeAll
  static void deploy() {
    wildfly = WildFlyProcess.start(Path.of(System.getProperty("parley.it.wildfly.dir")));
    Api.bind(wildfly.url());
  }

  @AfterAll
  static void stop() {
    if (wildfly != null) {
      wildfly.close();
    }
  }

  @Test
  void deployedWarAnswersAndRequiresAToken() {
    Api.Reply reply = Api.get("/v1/models", null);
    assertEquals(401, reply.status(), reply::toString);
    assertEquals("missing or invalid bearer token", reply.detail());
  }

  @Nested
  class ChatStream extends ChatStreamTests {}

  @Nested
  class ChatHistory extends ChatHistoryTests {}

  /** Without Hazelcast: resume from the database and this instance's live replies. */
  @Nested
  class Resume extends ResumeTests {}

  @Nested
  class Providers extends ProvidersTests {}

  @Nested
  class Fallback extends FallbackTests {}

  @Nested
  class OpenAiDoor extends DoorTests {}

  @Nested
  class Files extends FilesTests {}

  @Nested
  class PromptLibrary extends PromptsTests {}

  @Nested
  class SlowBodies extends SlowBodyTests {}

  @Nested
  class Page extends PageTests {}
}
