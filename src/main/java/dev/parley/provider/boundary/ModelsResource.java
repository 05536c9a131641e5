package dev.parley.provider.boundary;

import dev.parley.provider.control.ModelCatalog;
import dev.parley.provider.entity.ModelList;
import dev.parley.security.boundary.Authenticated;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The model catalogue in OpenAI's list shape, with who serves each model.
 *
 * <pre>curl -H "Authorization: Bearer $TOKEN" http://localhost:7001/v1/models</pre>
 */
@Path("/v1/models")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

  @Inject ModelCatalog catalog;

  @GET
  public ModelList list() {
    return ModelList.of(catalog.all());
  }
}
