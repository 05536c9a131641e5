package dev.parley.platform.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

class EndpointTemplatesTest {

  @Path("/v1/chat/sessions")
  static class Sessions {
    @Path("/{session_id}")
    void one() {}

    @Path("{id: \\d+}/files/")
    void files() {}

    void root() {}
  }

  static Path path(String method) throws NoSuchMethodException {
    return Sessions.class.getDeclaredMethod(method).getAnnotation(Path.class);
  }

  @Test
  void joinsClassAndMethodPathsAsATemplate() throws Exception {
    Path onClass = Sessions.class.getAnnotation(Path.class);
    assertEquals(
        "/v1/chat/sessions/{session_id}", EndpointTemplates.template(onClass, path("one")));
    assertEquals("/v1/chat/sessions", EndpointTemplates.template(onClass, path("root")));
  }

  @Test
  void leavesRegularExpressionsAndStraySlashesOut() throws Exception {
    assertEquals(
        "/v1/chat/sessions/{id}/files",
        EndpointTemplates.template(Sessions.class.getAnnotation(Path.class), path("files")));
    assertEquals("/", EndpointTemplates.template(null, null));
  }
}
