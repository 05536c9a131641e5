package dev.parley.provider.boundary;

import dev.parley.platform.openapi.OpenApiRefs;
import dev.parley.provider.control.ModelCatalog;
import dev.parley.provider.entity.ModelList;
import dev.parley.security.boundary.Authenticated;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The model catalogue in OpenAI's list shape, with who serves each model.
 *
 * <pre>curl -H "Authorization: Bearer $TOKEN" http://localhost:7001/v1/models</pre>
 */
@Path("/v1/models")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiRefs.TAG_MODELS)
public class ModelsResource {

  @Inject ModelCatalog catalog;

  @GET
  @Operation(
      operationId = "listModels",
      summary = "The model catalogue in OpenAI's list shape, with who serves each model")
  @APIResponse(
      responseCode = "200",
      description = "The models clients may name",
      content = @Content(schema = @Schema(ref = "ModelList")))
  public ModelList list() {
    return ModelList.of(catalog.all());
  }
}
