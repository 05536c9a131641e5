package dev.parley.prompts.boundary;

import dev.parley.platform.boundary.Deleted;
import dev.parley.platform.boundary.Params;
import dev.parley.platform.errors.BadRequest;
import dev.parley.prompts.control.PromptBodies;
import dev.parley.prompts.control.PromptPreviews;
import dev.parley.prompts.control.Prompts;
import dev.parley.prompts.entity.PreviewRequest;
import dev.parley.prompts.entity.PreviewView;
import dev.parley.prompts.entity.PromptPage;
import dev.parley.prompts.entity.PromptQuery;
import dev.parley.prompts.entity.PromptRequest;
import dev.parley.prompts.entity.PromptView;
import dev.parley.security.boundary.Authenticated;
import dev.parley.security.control.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The prompt library: the caller's prompts and the system templates; create, list, read, update,
 * delete and preview with the model.
 *
 * <pre>
 * curl -X POST http://localhost:7001/api/chat/prompts -H "Authorization: Bearer $TOKEN" \
 *   -H "Content-Type: application/json" \
 *   -d '{"title": "Text Summarizer", "content": "Summarize the following text: {text}"}'
 * curl -X POST http://localhost:7001/api/chat/prompts/preview -H "Authorization: Bearer $TOKEN" \
 *   -H "Content-Type: application/json" -d '{"prompt_id": 1, "variables": {"text": "Sample text"}}'
 * </pre>
 */
@Path("/api/chat/prompts")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PromptsResource {

  static final String BODY_REQUIRED = "a JSON body is required";
  static final int MAX_PAGE_SIZE = 100;
  static final int MAX_SEARCH = 200;

  @Inject CurrentUser currentUser;
  @Inject Prompts prompts;
  @Inject PromptPreviews previews;

  /**
   * 201 with {@code Location}; {@code "is_template": true} creates a system template (admins only).
   */
  @POST
  public Response create(
      @Valid @NotNull(message = BODY_REQUIRED) PromptRequest request, @Context UriInfo uri) {
    PromptView created = prompts.create(currentUser.caller(), request);
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
        .entity(created)
        .build();
  }

  @GET
  public PromptPage list(
      @QueryParam("scenario") String scenario,
      @QueryParam("include_templates") String includeTemplates,
      @QueryParam("search") String search,
      @QueryParam("page") String page,
      @QueryParam("page_size") String pageSize) {
    if (search != null && search.length() > MAX_SEARCH) {
      throw new BadRequest("search must be at most " + MAX_SEARCH + " characters");
    }
    PromptQuery query =
        new PromptQuery(
            Params.intInRange("page", page, 1, 1, 1_000_000),
            Params.intInRange("page_size", pageSize, 20, 1, MAX_PAGE_SIZE),
            scenario == null || scenario.isBlank() ? null : scenario.trim(),
            Params.bool("include_templates", includeTemplates, true),
            search == null || search.isBlank() ? null : search.trim());
    return prompts.list(currentUser.caller(), query);
  }

  @GET
  @Path("/{prompt_id}")
  public PromptView find(@PathParam("prompt_id") String promptId) {
    return prompts.find(currentUser.caller(), Params.id("prompt_id", promptId));
  }

  /**
   * Renders the prompt with {@code variables} and returns the model's answer; creates no chat
   * history.
   */
  @POST
  @Path("/preview")
  public PreviewView preview(@Valid @NotNull(message = BODY_REQUIRED) PreviewRequest request) {
    return previews.preview(currentUser.caller(), request);
  }

  /** Partial update: absent fields stay, {@code null} clears an optional field. */
  @PUT
  @Path("/{prompt_id}")
  public PromptView update(@PathParam("prompt_id") String promptId, JsonValue body) {
    long id = Params.id("prompt_id", promptId);
    return prompts.update(currentUser.caller(), id, PromptBodies.changes(body));
  }

  @DELETE
  @Path("/{prompt_id}")
  public Deleted delete(@PathParam("prompt_id") String promptId) {
    prompts.delete(currentUser.caller(), Params.id("prompt_id", promptId));
    return new Deleted("Prompt deleted successfully");
  }
}
