package dev.parley.files.boundary;

import dev.parley.files.control.FileStore;
import dev.parley.files.control.FileUploads;
import dev.parley.files.entity.FileList;
import dev.parley.files.entity.Uploaded;
import dev.parley.platform.boundary.Deleted;
import dev.parley.platform.boundary.Params;
import dev.parley.platform.errors.BadRequest;
import dev.parley.platform.errors.Unprocessable;
import dev.parley.platform.openapi.OpenApiRefs;
import dev.parley.security.boundary.Authenticated;
import dev.parley.security.control.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * PDF files as context of a chat session: upload, list, delete.
 *
 * <pre>
 * curl -X POST -H "Authorization: Bearer $TOKEN" -F "file=@document.pdf" \
 *   http://localhost:7001/api/chat/sessions/123/upload
 * curl -H "Authorization: Bearer $TOKEN" http://localhost:7001/api/chat/sessions/123/files
 * curl -X DELETE -H "Authorization: Bearer $TOKEN" http://localhost:7001/api/chat/sessions/123/files/1
 * </pre>
 */
@Path("/api/chat/sessions")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiRefs.TAG_FILES)
public class FilesResource {

  static final String FILE_REQUIRED =
      "a multipart form field named 'file' with the PDF is required";

  @Inject CurrentUser currentUser;
  @Inject FileUploads uploads;
  @Inject FileStore files;

  /**
   * Uploads a PDF (form field {@code file}); its text becomes context of the session's later chats.
   */
  @POST
  @Path("/{session_id}/upload")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @UploadLimit.Bound
  @Operation(
      operationId = "uploadFile",
      summary = "Upload a PDF whose text becomes context of the session's later chats")
  @APIResponse(
      responseCode = "200",
      description =
          "Stored. A PDF without text (scanned) is stored with `has_text: false`; the message says"
              + " so",
      content = @Content(schema = @Schema(ref = "Uploaded")))
  @APIResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
  @APIResponse(responseCode = "413", ref = OpenApiRefs.PAYLOAD_TOO_LARGE)
  @APIResponse(responseCode = "415", ref = OpenApiRefs.UNSUPPORTED_MEDIA_TYPE)
  @APIResponse(
      responseCode = "422",
      description = "Damaged or password-protected PDF, too many pages, or extraction too slow",
      content = @Content(schema = @Schema(ref = OpenApiRefs.ERROR_RESPONSE)))
  public Uploaded upload(
      @Parameter(ref = OpenApiRefs.SESSION_ID) @PathParam("session_id") String sessionId,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.MULTIPART_FORM_DATA,
                      schema = @Schema(ref = "FileUpload")))
          @FormParam("file")
          EntityPart file) {
    long id = Params.id("session_id", sessionId);
    if (file == null) {
      throw new BadRequest(FILE_REQUIRED);
    }
    try (InputStream content = file.getContent()) {
      return uploads.upload(currentUser.caller(), id, file.getFileName().orElse(null), content);
    } catch (IOException e) {
      throw new Unprocessable("the upload could not be read completely", e);
    }
  }

  /** The session's files, without their text. */
  @GET
  @Path("/{session_id}/files")
  @Operation(operationId = "listFiles", summary = "The session's files, without their text")
  @APIResponse(
      responseCode = "200",
      description = "The files, oldest first",
      content = @Content(schema = @Schema(ref = "FileList")))
  @APIResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
  public FileList list(
      @Parameter(ref = OpenApiRefs.SESSION_ID) @PathParam("session_id") String sessionId) {
    return files.list(currentUser.caller(), Params.id("session_id", sessionId));
  }

  @DELETE
  @Path("/{session_id}/files/{file_id}")
  @Operation(operationId = "deleteFile", summary = "Remove a file from the session's context")
  @APIResponse(responseCode = "200", ref = OpenApiRefs.DELETED)
  @APIResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
  public Deleted delete(
      @Parameter(ref = OpenApiRefs.SESSION_ID) @PathParam("session_id") String sessionId,
      @Parameter(ref = OpenApiRefs.FILE_ID) @PathParam("file_id") String fileId) {
    files.delete(
        currentUser.caller(), Params.id("session_id", sessionId), Params.id("file_id", fileId));
    return new Deleted("File deleted successfully");
  }
}
