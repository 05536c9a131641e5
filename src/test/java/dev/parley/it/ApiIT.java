package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTP suite: one Payara Micro start with the built WAR serves every feature's tests, which
 * live in their own classes and join here as {@code @Nested} classes. Black-box: requests go over
 * HTTP only.
 */
@ExtendWith(ArquillianExtension.class)
class ApiIT {

  @Deployment(testable = false)
  static WebArchive builtWar() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("parley.it.war")));
  }

  @ArquillianResource URL deployed;

  /**
   * Runs before the nested classes (JUnit runs a class's own tests first) and binds them to the
   * deployment.
   */
  @Test
  void deployedWarAnswersAndRequiresAToken() {
    Api.bind(deployed);
    Api.Reply reply = Api.get("/v1/models", null);
    assertEquals(401, reply.status(), reply::toString);
  }

  @Nested
  class Authentication extends AuthenticationTests {}

  @Nested
  class Models extends ModelsTests {}

  @Nested
  class Errors extends ErrorsTests {}

  @Nested
  class Identity extends IdentityTests {}

  @Nested
  class ChatStream extends ChatStreamTests {}

  @Nested
  class ChatFailures extends ChatFailureTests {}

  @Nested
  class Resume extends ResumeTests {}

  @Nested
  class ChatValidation extends ChatValidationTests {}

  @Nested
  class ChatHistory extends ChatHistoryTests {}

  @Nested
  class Providers extends ProvidersTests {}

  @Nested
  class Fallback extends FallbackTests {}

  @Nested
  class OpenAiDoor extends DoorTests {}

  @Nested
  class RateLimits extends RateLimitTests {}

  @Nested
  class PromptLibrary extends PromptsTests {}

  @Nested
  class Files extends FilesTests {}

  @Nested
  class Operations extends OperationsTests {}

  @Nested
  class OpenApi extends OpenApiTests {}

  @Nested
  class Page extends PageTests {}

  @Nested
  class WebPage extends WebPageTests {}

  @Nested
  class SlowBodies extends SlowBodyTests {}

  /** Last: it checks that the server is quiet after everything else too. */
  @Nested
  class HostileInput extends FuzzTests {}
}
