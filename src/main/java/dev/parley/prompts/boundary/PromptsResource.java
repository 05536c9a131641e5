package dev.parley.prompts.boundary;

import dev.parley.platform.boundary.Deleted;
import dev.parley.platform.boundary.Params;
import dev.parley.platform.errors.BadRequest;
import dev.parley.platform.openapi.OpenApiRefs;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
@Tag(name = OpenApiRefs.TAG_PROMPTS)
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
  @Operation(
      operationId = "createPrompt",
      summary = "Create a prompt, or with `is_template` a system template (admins only)")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      headers =
          @Header(
              name = "Location",
              description = "The new prompt's URL",
              schema = @Schema(type = SchemaType.STRING, format = "uri")),
      content = @Content(schema = @Schema(ref = "PromptView")))
  @APIResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
  @APIResponse(responseCode = "403", ref = OpenApiRefs.FORBIDDEN)
  @APIResponse(responseCode = "413", ref = OpenApiRefs.PAYLOAD_TOO_LARGE)
  @APIResponse(responseCode = "422", ref = OpenApiRefs.UNPROCESSABLE)
  public Response create(
      @Valid @NotNull(message = BODY_REQUIRED) PromptRequest request, @Context UriInfo uri) {
    PromptView created = prompts.create(currentUser.caller(), request);
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
        .entity(created)
        .build();
  }

  @GET
  @Operation(
      operationId = "listPrompts",
      summary = "The caller's prompts and the system templates, most recently updated first")
  @APIResponse(
      responseCode = "200",
      description = "One page of prompts",
      content = @Content(schema = @Schema(ref = "PromptPage")))
  @APIResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
  public PromptPage list(
      @Parameter(description = "Only prompts of this scenario (exact match)")
          @QueryParam("scenario")
          String scenario,
      @Parameter(
              description = "Include the system templates",
              schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "true"))
          @QueryParam("include_templates")
          String includeTemplates,
      @Parameter(
              description = "Case-insensitive text in title, content or description",
              schema = @Schema(type = SchemaType.STRING, maxLength = MAX_SEARCH))
          @QueryParam("search")
          String search,
      @Parameter(ref = OpenApiRefs.PAGE) @QueryParam("page") String page,
      @Parameter(
              description = "Prompts per page",
              schema =
                  @Schema(
                      type = SchemaType.INTEGER,
                      minimum = "1",
                      maximum = "" + MAX_PAGE_SIZE,
                      defaultValue = "20"))
          @QueryParam("page_size")
          String pageSize) {
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
  @Operation(
      operationId = "getPrompt",
      summary = "One prompt: the caller's own or a system template")
  @APIResponse(
      responseCode = "200",
      description = "The prompt",
      content = @Content(schema = @Schema(ref = "PromptView")))
  @APIResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
  public PromptView find(
      @Parameter(ref = OpenApiRefs.PROMPT_ID) @PathParam("prompt_id") String promptId) {
    return prompts.find(currentUser.caller(), Params.id("prompt_id", promptId));
  }

  /**
   * Renders the prompt with {@code variables} and returns the model's answer; creates no chat
   * history.
   */
  @POST
  @Path("/preview")
  @Operation(
      operationId = "previewPrompt",
      summary = "Render a prompt with variables and return the model's answer",
      description =
          "Give `prompt_id` or `content`, not both. `{name}` placeholders take the `variables`"
              + " (`{{` and `}}` are literal braces; a missing variable is a 422). Counts a use of"
              + " the stored prompt; creates no chat history.")
  @APIResponse(
      responseCode = "200",
      description = "The model's answer",
      content = @Content(schema = @Schema(ref = "PreviewView")))
  @APIResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
  @APIResponse(responseCode = "413", ref = OpenApiRefs.PAYLOAD_TOO_LARGE)
  @APIResponse(responseCode = "422", ref = OpenApiRefs.UNPROCESSABLE)
  @APIResponse(responseCode = "502", ref = OpenApiRefs.PROVIDER_FAILED)
  @APIResponse(responseCode = "504", ref = OpenApiRefs.PROVIDER_TIMEOUT)
  public PreviewView preview(@Valid @NotNull(message = BODY_REQUIRED) PreviewRequest request) {
    return previews.preview(currentUser.caller(), request);
  }

  /** Partial update: absent fields stay, {@code null} clears an optional field. */
  @PUT
  @Path("/{prompt_id}")
  @Operation(
      operationId = "updatePrompt",
      summary = "Change a prompt; system templates only by admins")
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PromptUpdate")))
  @APIResponse(
      responseCode = "200",
      description = "The changed prompt",
      content = @Content(schema = @Schema(ref = "PromptView")))
  @APIResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
  @APIResponse(responseCode = "403", ref = OpenApiRefs.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = OpenApiRefs.CONFLICT)
  @APIResponse(responseCode = "413", ref = OpenApiRefs.PAYLOAD_TOO_LARGE)
  @APIResponse(responseCode = "422", ref = OpenApiRefs.UNPROCESSABLE)
  public PromptView update(
      @Parameter(ref = OpenApiRefs.PROMPT_ID) @PathParam("prompt_id") String promptId,
      JsonValue body) {
    long id = Params.id("prompt_id", promptId);
    return prompts.update(currentUser.caller(), id, PromptBodies.changes(body));
  }

  @DELETE
  @Path("/{prompt_id}")
  @Operation(
      operationId = "deletePrompt",
      summary = "Delete a prompt; system templates only by admins")
  @APIResponse(responseCode = "200", ref = OpenApiRefs.DELETED)
  @APIResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
  @APIResponse(responseCode = "403", ref = OpenApiRefs.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
  public Deleted delete(
      @Parameter(ref = OpenApiRefs.PROMPT_ID) @PathParam("prompt_id") String promptId) {
    prompts.delete(currentUser.caller(), Params.id("prompt_id", promptId));
    return new Deleted("Prompt deleted successfully");
  }
}
